#!/usr/bin/env bash
# Checks the production jar (mvn -Pproduction package, what the Dockerfile runs) without a Docker engine:
#   - it carries no embedded database binaries (no zonky PostgreSQL, no embedded-redis, no postgres or redis-server)
#   - run as the image runs it (Boot's layers extracted and copied into one directory, JarLauncher started there):
#     with no database configured it fails at once with its own "APPLICATION FAILED TO START" report; against a
#     real PostgreSQL and Redis it runs in production mode (Flyway migrates a scratch database, an owner registers,
#     a business is created and found by a search) and stops on SIGTERM
#   - prints the default and the production jar's sizes and the size of each layer the Dockerfile copies
# Usage: mvn -B package -DskipTests && mvn -B -Pproduction package -DskipTests && deploy/production-jar-check.sh
# Needs: curl, unzip, psql and redis-server. PostgreSQL: PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432, postgres,
# no password); a scratch database is created and dropped. Redis: a redis-server of its own on REDIS_PORT
# (default 18790). The app listens on APP_PORT (default 18791) and APP_PORT+1 (the actuator).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(ls target/production/proximity-*.jar | head -1)
DEFAULT_JAR=$(ls target/proximity-*.jar 2>/dev/null | head -1 || true)
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
REDIS_PORT=${REDIS_PORT:-18790}
APP_PORT=${APP_PORT:-18791}
DB=proximity_jar_check_$$
TMP=$(mktemp -d)
APP_PID= REDIS_PID=
cleanup() {
  set +e # a failed step must not stop the clean-up (wait returns the app's SIGTERM status)
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null
  psql -qd postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$TMP/app.log" ] && tail -40 "$TMP/app.log"; exit 1; }

# 1. No embedded servers inside.
if unzip -l "$JAR" | grep -Ei 'embedded-postgres|embedded-redis|postgres-linux|redis-server|\.txz'; then
  fail "$JAR carries embedded database binaries (above)"
fi
echo "no embedded database binaries in $JAR: ok"

# The layers, as the Dockerfile extracts and copies them.
java -Djarmode=tools -jar "$JAR" extract --layers --launcher --destination "$TMP/layers" >/dev/null
LAYERS=$(java -Djarmode=tools -jar "$JAR" list-layers)
mkdir "$TMP/app"
for layer in $LAYERS; do cp -r "$TMP/layers/$layer/." "$TMP/app/"; done
# the Dockerfile's ENTRYPOINT, started in the directory the layers were copied into (its WORKDIR)
LAUNCH=(java org.springframework.boot.loader.launch.JarLauncher --server.port="$APP_PORT"
  --management.server.port=$((APP_PORT + 1)))

# 2. No database configured: a clear report, not a stack trace.
set +e
(cd "$TMP/app" && exec timeout 60 "${LAUNCH[@]}") >"$TMP/bare.log" 2>&1
status=$?
set -e
[ "$status" -ne 0 ] || fail "started with no database configured"
grep -q 'APPLICATION FAILED TO START' "$TMP/bare.log" && grep -q 'has no embedded PostgreSQL and Redis' "$TMP/bare.log" \
  || { tail -30 "$TMP/bare.log"; fail "no clear report without a database"; }
if grep -q '^\s*at ' "$TMP/bare.log"; then tail -30 "$TMP/bare.log"; fail "a stack trace without a database"; fi
echo "no database configured: exit $status with the report below: ok"
sed -n '/APPLICATION FAILED TO START/,$p' "$TMP/bare.log" | sed 's/^/    /'

# 3. Production mode on real servers.
psql -qd postgres -c "CREATE DATABASE $DB" >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$TMP/redis.log" 2>&1 &
REDIS_PID=$!
KEY=$(head -c 32 /dev/urandom | base64)
(cd "$TMP/app" && exec "${LAUNCH[@]}" --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  --spring.datasource.username="$PGUSER" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
  --proximity.security.token.signing-key="$KEY") >"$TMP/app.log" 2>&1 &
APP_PID=$!
ready=
for _ in $(seq 1 300); do # a busy 2-core machine can take minutes
  curl -sf "http://127.0.0.1:$((APP_PORT + 1))/actuator/health/readiness" >/dev/null && { ready=1; break; }
  kill -0 "$APP_PID" 2>/dev/null || fail "the production jar did not start"
  sleep 1
done
[ -n "$ready" ] || fail "not ready within 300 s"
B=http://127.0.0.1:$APP_PORT
curl -sf -X POST "$B/v1/owners" -H 'Content-Type: application/json' \
  -d '{"email":"check@example.com","password":"a long passphrase","name":"Check"}' >/dev/null || fail "register"
TOKEN=$(curl -sf -X POST "$B/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email":"check@example.com","password":"a long passphrase"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
ID=$(curl -sf -X POST "$B/v1/businesses" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"name":"Jar check","category":"jar_check","latitude":37.5664,"longitude":126.9779}' \
  | sed 's/.*"id":"\([0-9]*\)".*/\1/') || fail "create"
found=
for _ in $(seq 1 20); do
  curl -sf "$B/v1/search/nearby?latitude=37.5665&longitude=126.9780&radius=100&category=jar_check" \
    | grep -q "\"id\":\"$ID\"" && { found=1; break; }
  sleep 0.25
done
[ -n "$found" ] || fail "business $ID not found by search"
[ "$(psql -Atd "$DB" -c 'SELECT count(*) FROM business')" = 1 ] || fail "the row is not in PostgreSQL"
[ "$(redis-cli -p "$REDIS_PORT" --scan --pattern 'px:*' | wc -l)" -gt 0 ] || fail "nothing in Redis"
kill -TERM "$APP_PID"; wait "$APP_PID" || true; APP_PID=
echo "production mode on PostgreSQL $PGHOST:$PGPORT and Redis :$REDIS_PORT: migrated, owner, create, search: ok"

# 4. Sizes.
size() { du -b "$1" | cut -f1; }
[ -n "$DEFAULT_JAR" ] && echo "default jar:    $(size "$DEFAULT_JAR") bytes  $DEFAULT_JAR"
echo "production jar: $(size "$JAR") bytes  $JAR"
for layer in $LAYERS; do
  echo "  layer $layer: $(find "$TMP/layers/$layer" -type f | wc -l) files," \
    "$(find "$TMP/layers/$layer" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }') bytes"
done
