#!/usr/bin/env bash
# Black-box check of the owner/business API contract against the built jar, including restart durability
# and a clean SIGTERM. Usage: mvn -B package -DskipTests && bench/contract-check.sh [jar]
# Needs bash, curl and python3 (for JSON). Uses a throwaway data dir and port; leaves nothing running.
set -uo pipefail
cd "$(dirname "$0")/.."
JAR=${1:-$(ls target/proximity-*.jar | head -1)}
PORT=${PORT:-18080}
B=http://127.0.0.1:$PORT
OPS=http://127.0.0.1:$((PORT + 1)) # the actuator's own port
DATA=$(mktemp -d)
LOG=$DATA/app.log
PID=
pass=0 fail=0

cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

start() {
  java -jar "$JAR" --server.port=$PORT --management.server.port=$((PORT + 1)) --proximity.embedded.data-dir="$DATA/data" >>"$LOG" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do curl -sf $OPS/actuator/health/readiness >/dev/null && return 0; sleep 1; done
  echo "app did not become ready; log: $LOG"; tail -20 "$LOG"; exit 1
}
stop() { kill -TERM "$PID"; wait "$PID"; PID=; }

check() { # name expected-status actual-status [extra condition result]
  if [ "$2" = "$3" ] && [ "${4:-ok}" = ok ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1: expected $2, got $3 ${4:-}"; fi
}
req() { # method path [body] [headers...]; prints status, body in $BODY, headers in $HDRS
  local m=$1 p=$2 body=${3:-}; shift 3 2>/dev/null || shift $#
  local args=(-s -o "$DATA/body" -D "$DATA/hdrs" -w '%{http_code}' -X "$m" "$B$p")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  for h in "$@"; do args+=(-H "$h"); done
  STATUS=$(curl "${args[@]}"); BODY=$(cat "$DATA/body"); HDRS=$(cat "$DATA/hdrs")
}
json() { python3 -c "import sys,json; d=json.loads(sys.argv[1]); print($2)" "$BODY"; }
problem() { echo "$HDRS" | grep -qi '^content-type: application/problem+json' && echo ok || echo "not-problem+json"; }

start
req POST /v1/owners '{"email":"Owner@Example.com","password":"a long passphrase","name":"Owner"}'; check register 201 "$STATUS"
req POST /v1/owners '{"email":"owner@example.COM","password":"a long passphrase","name":"Copy"}'; check duplicate-email 409 "$STATUS" "$(problem)"
req POST /v1/auth/token '{"email":"owner@example.com","password":"wrong password"}'; check wrong-password 401 "$STATUS" "$(problem)"
req POST /v1/auth/token '{"email":"owner@example.com","password":"a long passphrase"}'; check token 200 "$STATUS"
AUTH="Authorization: Bearer $(json x "d['accessToken']")"
req POST /v1/owners '{"email":"other@example.com","password":"a long passphrase","name":"Other"}'
req POST /v1/auth/token '{"email":"other@example.com","password":"a long passphrase"}'
OTHER="Authorization: Bearer $(json x "d['accessToken']")"

CAFE='{"name":"Cafe Onion","category":"cafe","latitude":37.5664,"longitude":126.9779,"country":"KR","timeZone":"Asia/Seoul","hours":[{"day":"FRIDAY","open":"18:00","close":"02:00"}]}'
req POST /v1/businesses "$CAFE" "$AUTH" "Idempotency-Key: k-1"; check create 201 "$STATUS"
ID=$(json x "d['id']"); CREATED=$BODY
req POST /v1/businesses "$CAFE" "$AUTH" "Idempotency-Key: k-1"; check replay 201 "$STATUS" "$([ "$BODY" = "$CREATED" ] && echo ok || echo body-differs)"
req POST /v1/businesses "${CAFE/Onion/Garlic}" "$AUTH" "Idempotency-Key: k-1"; check key-reuse 422 "$STATUS" "$(problem)"
req GET /v1/businesses/$ID; check read 200 "$STATUS" "$(echo "$HDRS" | grep -qi '^etag: "0"' && echo ok || echo no-etag)"
req PUT /v1/businesses/$ID "${CAFE/Onion/Leek}" "$AUTH" 'If-Match: "0"'; check update 200 "$STATUS"
req PUT /v1/businesses/$ID "$CAFE" "$AUTH" 'If-Match: "0"'; check stale-if-match 412 "$STATUS" "$(problem)"
req PUT /v1/businesses/$ID "$CAFE" "$OTHER"; check other-owner 403 "$STATUS" "$(problem)"
req POST /v1/businesses "${CAFE/37.5664/\"45d\"}" "$AUTH"; check string-latitude 400 "$STATUS" "$(problem)"
req POST /v1/businesses '{"name":' "$AUTH"; check malformed-json 400 "$STATUS" "$(problem)"
req POST /v1/businesses "${CAFE/\{/\{\"id\":\"1\",}" "$AUTH"; check server-owned-field 400 "$STATUS" "$(problem)"
req POST /v1/businesses "${CAFE/Cafe Onion/Cafe\\u0000Onion}" "$AUTH"; check nul-character 400 "$STATUS" "$(problem)"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -X POST $B/v1/businesses -H "$AUTH" -H 'Content-Type: text/plain' -d x); check wrong-content-type 415 "$STATUS"
STATUS=$(python3 -c "print('{\"name\":\"' + 'a'*70000 + '\"}')" | curl -s -o /dev/null -w '%{http_code}' -X POST $B/v1/businesses -H "$AUTH" -H 'Content-Type: application/json' --data-binary @-); check too-large 413 "$STATUS"
req GET /v1/businesses/abc; check malformed-id 400 "$STATUS" "$(problem)"
req GET /v1/businesses/99999999999999999999999; check overflowing-id 404 "$STATUS" "$(problem)"
req PATCH /v1/businesses/$ID '{}' "$AUTH"; check patch 405 "$STATUS" "$(problem)"
req GET /v1/owners/me/businesses "" "$AUTH"; check my-businesses 200 "$STATUS" "$([ "$(json x "len(d['businesses'])")" = 1 ] && echo ok || echo wrong-count)"

stop
start
req GET /v1/businesses/$ID; check survives-restart 200 "$STATUS" "$([ "$(json x "d['name']")" = "Cafe Leek" ] && echo ok || echo lost-update)"
req POST /v1/auth/token '{"email":"owner@example.com","password":"a long passphrase"}'; check token-after-restart 200 "$STATUS"
req DELETE /v1/businesses/$ID "" "$AUTH"; check delete 204 "$STATUS"
req GET /v1/businesses/$ID; check gone 404 "$STATUS" "$(problem)"
stop
ORPHANS=$(ps -eo args | grep -F "$DATA/data" | grep -v grep | wc -l); check no-orphans-after-sigterm 0 "$ORPHANS"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
