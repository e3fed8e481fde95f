#!/usr/bin/env bash
# Scale benchmark: the same figures at several data sizes in one run (default 1M and 10M businesses), so that the
# growth of each cost with the data is visible (docs/benchmarks.md, "Scale"; docs/capacity.md builds on it).
# For each size, on a throwaway data directory:
#   1. N businesses from the project's generator (LoadBenchData: the distribution of every other benchmark) and
#      the same query mix for every size;
#   2. the jar in embedded mode (demo data and rate limits off, the embedded Redis's maxmemory raised so that the
#      view fits); the heap after a full GC of the empty instance; the businesses imported through
#      POST /v1/businesses/import in requests of at most 1,000,000 rows (the contract's cap), one after the other:
#      rows/s over all of them;
#   3. the time until search counts every business and the Redis view reaches the change log's head;
#   4. storage per business: PostgreSQL (the business table with its indexes and TOAST; the whole database), Redis
#      used_memory (the search view: cell views and business objects) and the view's sorted sets alone (they share
#      one hash slot on a cluster);
#   5. a fresh instance in production mode on the same PostgreSQL and Redis, as a rolling deploy starts one:
#      time from launch to ready, its "Search state loaded" line, its first minute at 8 connections from the
#      instant it is ready (first 20 s; 20-60 s), then its heap after a full GC (state loaded from the database,
#      no import garbage) minus the empty instance's: heap per business;
#   6. steady state on the fresh instance (warm by then): a warm-up, then --duration s at --connections: searches/s,
#      p50, p99 and the server's CPU per search (from /proc/<pid>/stat over the measured part).
# Search calls: GET /v1/search/nearby of the query mix (limit 50, the server's default index, S2), JVM load
# generator, queries within Redis' latitude range as in load-bench.sh.
# Usage (after `mvn -B package -DskipTests`):
#   bench/scale-bench.sh [--sizes "1000000 10000000"] [--duration 30] [--warmup 10] [--connections 8]
#                        [--queries 10000] [--port 18501] [--out DIR] [--keep]
# Ports used: --port (app), +1 (embedded PostgreSQL), +2 (embedded Redis), +3 (app's actuator), +5 and +7 (the
# fresh instance and its actuator).
# Environment: MVN (default "mvn -B -q"), APP_JAVA_OPTS (default "-Xmx8g": the same for every size; no pre-touch, so
# that two instances and a 10M view fit on a 24 GiB machine), REDIS_MAX_MEMORY (default 16GB), JAR.
# Needs jcmd (the JDK's), psql and redis-cli (Debian: postgresql-client, redis-tools) for the storage figures.
# Everything it started is stopped and its temp dir removed on exit, also on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SIZES="1000000 10000000" DURATION=30 WARMUP=10 CONNECTIONS=8 QUERIES=10000 BUSINESS_SEED=42 QUERY_SEED=7
PORT=18501 OUT= KEEP=0
MAX_ROWS_PER_IMPORT=1000000
MVN=${MVN:-mvn -B -q}
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xmx8g}
REDIS_MAX_MEMORY=${REDIS_MAX_MEMORY:-16GB}

while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --queries) QUERIES=$2; shift ;;
    --port) PORT=$2; shift ;;
    --out) OUT=$2; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) awk 'NR == 1 { next } /^#/ { print; next } { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

APP_PORT=$PORT PG_PORT=$((PORT + 1)) APP_REDIS_PORT=$((PORT + 2)) APP_MANAGEMENT_PORT=$((PORT + 3))
FRESH_PORT=$((PORT + 5)) FRESH_MANAGEMENT_PORT=$((PORT + 7))
JAR=${JAR:-$(ls target/proximity-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)}
[ -n "$JAR" ] || { echo "no target/proximity-*.jar: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
[ -d target/test-classes/dev/proximity/bench ] || { echo "no test classes: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
for tool in curl jcmd psql redis-cli; do
  command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-target/scale-bench/$STAMP}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/proximity-scale-bench.XXXXXX")
APP_PID= FRESH_PID= CHILD_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$CHILD_PID" ] && kill "$CHILD_PID" 2>/dev/null || true
  stop_pid "$FRESH_PID"; stop_pid "$APP_PID"
  wait 2>/dev/null || true
  remove_work
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"
# shellcheck source=bench/embedded-app.sh
. "$ROOT/bench/embedded-app.sh"

MACHINE="$(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
log "machine: $MACHINE; load average $(loadavg)"
log "results go to $OUT"
RESULTS=$OUT/results.tsv
printf 'businesses\tfigure\tvalue\tunit\n' > "$RESULTS"
figure() { # size name value unit
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RESULTS"
  log "$1 businesses: $2 = $3 $4"
}
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
psql_value() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d proximity -Atqc "$1"; }

for N in $SIZES; do
  log "==== $N businesses"
  rm -rf "$WORK/app-data" "$WORK"/chunk-*.csv
  run java -Xmx4g -cp "$CP" dev.proximity.bench.LoadBenchData "$WORK" "$N" "$BUSINESS_SEED" "$QUERIES" "$QUERY_SEED"
  ROWS=$(($(wc -l < "$WORK/businesses.csv") - 1))
  # The import takes the API's field names and no id (the server assigns ids); at most 1,000,000 rows a request.
  awk -v max="$MAX_ROWS_PER_IMPORT" -v dir="$WORK" '
    NR == 1 { next }
    (NR - 2) % max == 0 { if (out) close(out); out = sprintf("%s/chunk-%04d.csv", dir, (NR - 2) / max); print "name,category,latitude,longitude" > out }
    { sub(/^[^,]*,/, ""); print > out }' "$WORK/businesses.csv"
  rm -f "$WORK/businesses.csv"

  APP_JAVA_OPTS="$APP_JAVA_OPTS -Dproximity.embedded.redis-max-memory=$REDIS_MAX_MEMORY" start_embedded_app
  EMPTY_HEAP=$(heap_after_gc "$APP_PID")
  figure "$N" empty-instance-heap-after-gc "$((EMPTY_HEAP / 1048576))" MiB

  curl -sf -X POST "$B/v1/owners" -H 'Content-Type: application/json' \
    -d '{"email":"scale-bench@example.com","password":"a long passphrase","name":"Scale bench"}' >/dev/null
  TOKEN=$(curl -sf -X POST "$B/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"email":"scale-bench@example.com","password":"a long passphrase"}' | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  log "importing $ROWS businesses in $(ls "$WORK"/chunk-*.csv | wc -l) requests ($(du -ch "$WORK"/chunk-*.csv | tail -1 | cut -f1) CSV)"
  I0=$(date +%s.%N)
  for chunk in "$WORK"/chunk-*.csv; do
    answer=$(curl -s -X POST "$B/v1/businesses/import" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
      --data-binary @"$chunk" -w ' %{http_code}')
    case "$answer" in
      *'"imported":'*' 200') ;;
      *) log "import of $(basename "$chunk") failed: $(echo "$answer" | head -c 2000)"; exit 1 ;;
    esac
  done
  IMPORT_SECONDS=$(seconds_since "$I0")
  figure "$N" import-rows-per-second "$(awk -v n="$ROWS" -v s="$IMPORT_SECONDS" 'BEGIN { printf "%.0f", n / s }')" rows/s
  figure "$N" import-seconds "$IMPORT_SECONDS" s

  # Search must see every business (applied from the change log; the clusters index follows in the background).
  for _ in $(seq 1 1200); do
    total=$(curl -s "$B/v1/search/clusters?south=-90&west=-180&north=90&east=180&zoom=0" | sed -n 's/^{"total":\([0-9]*\).*/\1/p')
    [ "$total" = "$ROWS" ] && break
    sleep 0.5
  done
  [ "$total" = "$ROWS" ] || { log "whole-world clusters count ${total:-no} businesses, not $ROWS"; exit 1; }
  figure "$N" searchable-after-import-start "$(seconds_since "$I0")" s
  for _ in $(seq 1 2400); do
    view=$(metric proximity_view_position); head=$(metric proximity_changes_head_position)
    { [ -z "$view" ] || [ "$view" = "$head" ]; } && break
    sleep 0.5
  done
  [ -z "${view:-}" ] || [ "$view" = "$head" ] || { log "the Redis view did not reach the log's head ($view of $head)"; exit 1; }
  figure "$N" redis-view-complete-after-import-start "$(seconds_since "$I0")" s

  psql_value 'VACUUM ANALYZE business' >/dev/null
  figure "$N" postgres-business-bytes-per-business \
    "$(psql_value "SELECT round(pg_total_relation_size('business')::numeric / $ROWS)")" B
  figure "$N" postgres-database-bytes-per-business \
    "$(psql_value "SELECT round(pg_database_size('proximity')::numeric / $ROWS)")" B
  figure "$N" redis-used-memory-per-business \
    "$(redis-cli -p "$APP_REDIS_PORT" info memory | tr -d '\r' | awk -F: -v n="$ROWS" '$1 == "used_memory" { printf "%.0f", $2 / n }')" B
  # the view's sorted sets (one per index, all in the hash slot of {view}) apart from the business objects
  sets=0
  for key in $(redis-cli -p "$APP_REDIS_PORT" --scan --pattern 'px:v1:{view}:*'); do
    [ "$(redis-cli -p "$APP_REDIS_PORT" type "$key")" = zset ] || continue
    sets=$((sets + $(redis-cli -p "$APP_REDIS_PORT" memory usage "$key" samples 0)))
  done
  figure "$N" redis-view-sets-bytes-per-business "$((sets / ROWS))" B

  # ---- a fresh instance: time to ready, first minute, heap ----
  SIGNING_KEY=$(cat "$WORK/app-data/token-signing-key")
  log "fresh instance on port $FRESH_PORT: time to ready, then its first minute at 8 connections"
  # shellcheck disable=SC2086
  java $APP_JAVA_OPTS -jar "$JAR" --server.port="$FRESH_PORT" --management.server.port="$FRESH_MANAGEMENT_PORT" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/proximity" --spring.datasource.username=postgres \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$APP_REDIS_PORT" \
    --proximity.security.token.signing-key="$SIGNING_KEY" --proximity.id.node=7 \
    --proximity.demo.enabled=false --proximity.rate-limit.enabled=false > "$OUT/fresh-$N.log" 2>&1 &
  FRESH_PID=$!
  T0=$(date +%s.%N)
  # the generator's own JVM warms up on the first instance for 5 s while the fresh one starts
  bench_java dev.proximity.bench.LoadGenerator --target http --port "$FRESH_PORT" \
    --queries "$WORK/queries.csv" --redis-range-only --connections 8 --duration 60 --warmup 0 --limit 50 \
    --split 20 --client-warmup-port "$APP_PORT" --client-warmup 5 \
    --await-ready "http://127.0.0.1:$FRESH_MANAGEMENT_PORT/actuator/health/readiness" > "$OUT/first-minute-$N.txt"
  kill -0 "$FRESH_PID" 2>/dev/null || { log "the fresh instance exited; see $OUT/fresh-$N.log"; exit 1; }
  figure "$N" fresh-instance-time-to-ready "$(awk -v a="$T0" -v b="$(sed -n 's/^READY .*at_epoch_ms=//p' "$OUT/first-minute-$N.txt")" \
    'BEGIN { printf "%.1f", b / 1000 - a }')" s
  loaded=$(grep -o 'Search state loaded: .*' "$OUT/fresh-$N.log" | head -1 || true)
  figure "$N" fresh-instance-state-load "$(echo "$loaded" | sed -n 's/.* in \([0-9]*\) ms.*/\1/p')" ms
  figure "$N" search-state-counted-bytes-per-business "$(echo "$loaded" | sed -n 's/.*about \([0-9]*\) bytes each.*/\1/p')" B
  first=$(grep '^RESULT_FIRST' "$OUT/first-minute-$N.txt"); rest=$(grep '^RESULT_REST' "$OUT/first-minute-$N.txt")
  figure "$N" first-20s-searches-per-second "$(field_of rps "$first")" /s
  figure "$N" first-20s-p99 "$(field_of p99_ms "$first")" ms
  figure "$N" first-20s-errors "$(field_of errors "$first")" requests
  figure "$N" seconds-20-60-searches-per-second "$(field_of rps "$rest")" /s
  figure "$N" seconds-20-60-p99 "$(field_of p99_ms "$rest")" ms
  HEAP=$(heap_after_gc "$FRESH_PID")
  figure "$N" heap-after-gc "$((HEAP / 1048576))" MiB
  figure "$N" heap-per-business-after-gc "$(( (HEAP - EMPTY_HEAP) / ROWS ))" B

  # ---- steady state on the (now warm) fresh instance ----
  log "steady state: $WARMUP s warm-up, $DURATION s at $CONNECTIONS connections"
  bench_java dev.proximity.bench.LoadGenerator --target http --port "$FRESH_PORT" --queries "$WORK/queries.csv" \
    --redis-range-only --connections "$CONNECTIONS" --duration "$WARMUP" --warmup 0 --limit 50 > /dev/null
  cpu0=$(cpu_seconds "$FRESH_PID")
  bench_java dev.proximity.bench.LoadGenerator --target http --port "$FRESH_PORT" --queries "$WORK/queries.csv" \
    --redis-range-only --connections "$CONNECTIONS" --duration "$DURATION" --warmup 0 --limit 50 > "$OUT/steady-$N.txt"
  cpu1=$(cpu_seconds "$FRESH_PID")
  steady=$(grep '^RESULT ' "$OUT/steady-$N.txt")
  figure "$N" steady-searches-per-second "$(field_of rps "$steady")" /s
  figure "$N" steady-p50 "$(field_of p50_ms "$steady")" ms
  figure "$N" steady-p99 "$(field_of p99_ms "$steady")" ms
  figure "$N" steady-errors "$(( $(field_of errors_status "$steady") + $(field_of errors_socket "$steady") ))" requests
  figure "$N" steady-server-cpu-per-search \
    "$(awk -v a="$cpu0" -v b="$cpu1" -v r="$(field_of requests "$steady")" 'BEGIN { printf "%.0f", (b - a) * 1e6 / r }')" us
  figure "$N" load-average "$(loadavg | tr ' ' '/')" -

  stop_pid "$FRESH_PID"; FRESH_PID=
  stop_pid "$APP_PID"; APP_PID=
  mv "$OUT/app.log" "$OUT/app-$N.log"
done

# ---- summary: one column per size, and the last size's figure over the first's ----
{
  echo "# Scale benchmark $STAMP"
  echo
  echo "- machine: $MACHINE; APP_JAVA_OPTS=$APP_JAVA_OPTS"
  echo "- data: LoadBenchData (seed $BUSINESS_SEED) at each size; $QUERIES queries (seed $QUERY_SEED), nearby, limit 50, default index"
  echo "- steady state: $WARMUP s warm-up, then $DURATION s at $CONNECTIONS connections, on the fresh instance after its first minute"
  echo
  awk -F'\t' -v sizes="$SIZES" '
    NR == 1 { next }
    { if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } v[$1, $2] = $3; unit[$2] = $4 }
    END {
      k = split(sizes, s, " ")
      printf "| figure | unit |"; for (i = 1; i <= k; i++) printf " %s |", s[i]; print " last / first |"
      printf "|---|---|"; for (i = 1; i <= k; i++) printf "---|"; print "---|"
      for (j = 1; j <= n; j++) {
        f = order[j]; printf "| %s | %s |", f, unit[f]
        for (i = 1; i <= k; i++) printf " %s |", v[s[i], f]
        a = v[s[1], f]; b = v[s[k], f]
        if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && a + 0 > 0) printf " %.2f |\n", b / a; else print " |"
      }
    }' "$RESULTS"
} > "$OUT/summary.md"
log "summary: $OUT/summary.md"
cat "$OUT/summary.md"
