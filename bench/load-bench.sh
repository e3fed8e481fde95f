#!/usr/bin/env bash
# Load benchmark of GET /v1/search/nearby against Redis GEOSEARCH and PostGIS ST_DWithin on the same points and
# queries (see docs/benchmarks.md, "How to run"). Starts the built jar in embedded mode on a
# throwaway data directory, imports the benchmark businesses through POST /v1/businesses/import, loads the same
# points into a redis-server of its own with pipelined GEOADD and into a PostgreSQL server of its own with PostGIS
# (geography column, GiST index), then drives them closed-loop with the query mix:
#   - wrk (Lua script bench/nearby.lua) against HTTP, per index and connection count;
#   - the JVM LoadGenerator (one thread per connection) against HTTP, Redis and PostGIS, on the queries Redis
#     accepts, so the ratios compare like with like.
# PostGIS needs the PostgreSQL server binaries and the extension (Debian: postgresql-15-postgis-3); without them
# that part is skipped with a note. Run as root, its server runs as PG_OS_USER (PostgreSQL refuses root).
# Everything it started is stopped and its temp dir removed on exit, also on Ctrl-C.
#
# Before the timed runs, one cold pass per index sends every query once (reported as "jvm-cold"). For the JVM
# generator's runs it also reports the server's CPU per request (the app's JVM, or redis-server), from
# /proc/<pid>/stat: the figure that moves least when other work shares the machine.
# Usage (after `mvn -B package -DskipTests`):
#   bench/load-bench.sh [--duration 60] [--warmup 10] [--connections "8 32"] [--indexes "s2 geohash quadtree"]
#                       [--businesses N] [--queries N] [--tools DIR | --business-file F --query-file F]
#                       [--port 18301] [--out DIR] [--no-wrk] [--no-jvm] [--profile SECONDS] [--perf SECONDS]
#                       [--no-postgis] [--first-minute-indexes "s2"] [--no-first-minute] [--import-under-load N]
#                       [--keep] [--view-cluster] [--view-partitions N]
# --tools DIR runs DIR/gen_businesses.py and DIR/gen_queries.py (Python 3); --business-file/--query-file take
# their output (CSV id,name,category,lat,lon and qid,lat,lon,radius_m,kind). --profile records JFR (Java code
# only); --perf samples the whole app process with Linux perf (kernel, JVM and JIT-compiled code, named through
# `jcmd Compiler.perfmap`), which shows what JFR cannot: the network stack's share. By default the project's own
# generators (src/test/java/dev/proximity/bench) write the same formats with the same distribution.
# First minute: after the import, for each of --first-minute-indexes a fresh instance (production mode, on the first
# instance's PostgreSQL and Redis, as a rolling deploy starts one) is started and driven at 8 connections from the
# moment it is ready, for 60 s: its first 20 s are reported apart from the rest ("first20s" and "after20s" rows),
# beside the warm instance's steady state. At the end, --import-under-load N (default 100000; 0: none) imports N
# more businesses into the warm instance while the JVM generator drives it, and reports every second's p99 against
# the p99 of the seconds before the import ("import-load" row, per-second table in import-load.txt).
# --view-cluster puts the search view of both instances on a Redis Cluster of six loopback redis-server (three
# primaries) that the script starts, as a deployment with a cluster has it; --view-partitions N sets
# proximity.search.view-redis.partitions on both (default: the app's, 16 on a cluster).
# Ports used: --port (app), +1 (Redis for GEOSEARCH), +2 (embedded PostgreSQL), +3 (embedded Redis), +4 (PostGIS),
# +5 (the fresh instance), +20..+25 and +10020..+10025 (the view cluster).
# Environment: MVN (default "mvn -B -q"), APP_JAVA_OPTS (default "-Xms2g -Xmx2g -XX:+AlwaysPreTouch"), REDIS_SERVER, WRK_THREADS (2),
# JAR (default target/proximity-*.jar; another build's jar, to compare two builds side by side), FRESH_ARGS (more
# arguments for the fresh instance, e.g. --proximity.search.warmup=0s), PG_BIN (PostgreSQL
# server binaries; default the newest /usr/lib/postgresql/*/bin), PG_OS_USER (default postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=60 WARMUP=10 CONNECTIONS="8 32" INDEXES="s2 geohash quadtree"
BUSINESSES=1000000 QUERIES=10000 BUSINESS_SEED=42 QUERY_SEED=7
TOOLS= BUSINESS_FILE= QUERY_FILE= PORT=18301 OUT= USE_WRK=1 USE_JVM=1 USE_POSTGIS=1 PROFILE=0 PERF=0 KEEP=0
FIRST_MINUTE_INDEXES=s2 IMPORT_UNDER_LOAD=100000 VIEW_CLUSTER=0 VIEW_PARTITIONS=
MVN=${MVN:-mvn -B -q}
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch} # as the shipped image (see Dockerfile)
FRESH_ARGS=${FRESH_ARGS:-}
WRK_THREADS=${WRK_THREADS:-2}
DEFAULT_INDEX=s2 # the server's proximity.search.default-index: sent without an index parameter

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --indexes) INDEXES=$2; shift ;;
    --businesses) BUSINESSES=$2; shift ;;
    --queries) QUERIES=$2; shift ;;
    --tools) TOOLS=$2; shift ;;
    --business-file) BUSINESS_FILE=$2; shift ;;
    --query-file) QUERY_FILE=$2; shift ;;
    --port) PORT=$2; shift ;;
    --out) OUT=$2; shift ;;
    --no-wrk) USE_WRK=0 ;;
    --no-jvm) USE_JVM=0 ;;
    --no-postgis) USE_POSTGIS=0 ;;
    --profile) PROFILE=$2; shift ;;
    --perf) PERF=$2; shift ;;
    --keep) KEEP=1 ;;
    --first-minute-indexes) FIRST_MINUTE_INDEXES=$2; shift ;;
    --no-first-minute) FIRST_MINUTE_INDEXES= ;;
    --import-under-load) IMPORT_UNDER_LOAD=$2; shift ;;
    --view-cluster) VIEW_CLUSTER=1 ;;
    --view-partitions) VIEW_PARTITIONS=$2; shift ;;
    -h|--help) sed -n '2,42p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if { [ -n "$BUSINESS_FILE" ] && [ -z "$QUERY_FILE" ]; } || { [ -z "$BUSINESS_FILE" ] && [ -n "$QUERY_FILE" ]; }; then
  echo "--business-file and --query-file go together" >&2; exit 2
fi

APP_PORT=$PORT REDIS_PORT=$((PORT + 1)) PG_PORT=$((PORT + 2)) APP_REDIS_PORT=$((PORT + 3)) POSTGIS_PORT=$((PORT + 4))
APP_MANAGEMENT_PORT=$((PORT + 6))
JAR=${JAR:-$(ls target/proximity-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)}
[ -n "$JAR" ] || { echo "no target/proximity-*.jar: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
[ -d target/test-classes/dev/proximity/bench ] || { echo "no test classes: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
[ "$USE_WRK" = 0 ] || command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install wrk), or pass --no-wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
[ "$PERF" = 0 ] || command -v perf >/dev/null || { echo "perf not found (Debian: apt-get install linux-perf)" >&2; exit 1; }

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-target/load-bench/$STAMP}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/proximity-load-bench.XXXXXX")
APP_PID= REDIS_PID= POSTGIS_PID= CHILD_PID= FRESH_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$CHILD_PID" ] && kill "$CHILD_PID" 2>/dev/null || true
  [ -n "$FRESH_PID" ] && kill -KILL "$FRESH_PID" 2>/dev/null || true
  [ -n "$APP_PID" ] && rm -f "/tmp/perf-$APP_PID.map"
  stop_pid "$APP_PID"
  [ -n "$REDIS_PID" ] && kill -TERM "$REDIS_PID" 2>/dev/null || true
  [ -n "$POSTGIS_PID" ] && as_pg "$PG_BIN/pg_ctl" stop -D "$WORK/postgis/data" -m fast -s >/dev/null 2>&1 || true
  [ -n "${VIEW_CLUSTER_PIDS:-}" ] && kill -KILL $VIEW_CLUSTER_PIDS 2>/dev/null || true
  wait 2>/dev/null || true
  remove_work
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

as_pg() { # PostgreSQL refuses to run as root
  if [ "$(id -u)" -eq 0 ]; then runuser -u "${PG_OS_USER:-postgres}" -- "$@"; else "$@"; fi
}
# shellcheck source=bench/common.sh
. "$ROOT/bench/common.sh"
# shellcheck source=bench/embedded-app.sh
. "$ROOT/bench/embedded-app.sh"

log "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB; load average $(loadavg); $(java -version 2>&1 | head -1)"
log "results go to $OUT"

# ---- data --------------------------------------------------------------------------------------------------
if [ -n "$BUSINESS_FILE" ]; then
  cp "$BUSINESS_FILE" "$WORK/businesses.csv"; cp "$QUERY_FILE" "$WORK/queries.csv"
  DATA_SOURCE="files $(basename "$BUSINESS_FILE"), $(basename "$QUERY_FILE")"
elif [ -n "$TOOLS" ]; then
  log "generating $BUSINESSES businesses and $QUERIES queries with $TOOLS"
  run python3 "$TOOLS/gen_businesses.py" --n "$BUSINESSES" --seed "$BUSINESS_SEED" --out "$WORK/businesses.csv"
  run python3 "$TOOLS/gen_queries.py" --m "$QUERIES" --seed "$QUERY_SEED" --out "$WORK/queries.csv"
  DATA_SOURCE="gen_businesses.py --n $BUSINESSES --seed $BUSINESS_SEED, gen_queries.py --m $QUERIES --seed $QUERY_SEED"
else
  log "generating $BUSINESSES businesses and $QUERIES queries with the project's generators"
  bench_java dev.proximity.bench.LoadBenchData "$WORK" "$BUSINESSES" "$BUSINESS_SEED" "$QUERIES" "$QUERY_SEED"
  DATA_SOURCE="LoadBenchData ($BUSINESSES businesses, seed $BUSINESS_SEED; $QUERIES queries, seed $QUERY_SEED)"
fi
ROWS=$(($(wc -l < "$WORK/businesses.csv") - 1))
QUERY_COUNT=$(($(wc -l < "$WORK/queries.csv") - 1))
# The import takes the API's field names and no id (the server assigns ids).
awk 'NR == 1 { print "name,category,latitude,longitude"; next } { sub(/^[^,]*,/, ""); print }' \
  "$WORK/businesses.csv" > "$WORK/import.csv"
for index in $INDEXES; do
  awk -F, -v index_param="$([ "$index" = "$DEFAULT_INDEX" ] || echo "&index=$index")" \
    'NR > 1 && NF >= 4 { printf "/v1/search/nearby?latitude=%s&longitude=%s&radius=%s&limit=50%s\n", $2, $3, $4, index_param }' \
    "$WORK/queries.csv" > "$WORK/paths-$index.txt"
done

# ---- app ---------------------------------------------------------------------------------------------------
APP_ARGS=${VIEW_PARTITIONS:+--proximity.search.view-redis.partitions=$VIEW_PARTITIONS}
if [ "$VIEW_CLUSTER" = 1 ]; then
  start_view_cluster $((PORT + 20))
  APP_ARGS="$APP_ARGS --proximity.search.view-redis.cluster.nodes=$VIEW_CLUSTER_NODES"
fi
FRESH_ARGS="$FRESH_ARGS $APP_ARGS"
start_embedded_app
import_as_owner load-bench@example.com 'Load bench'
for index in $INDEXES; do
  status=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' "$B$(head -1 "$WORK/paths-$index.txt")")
  [ "$status" = 200 ] || { log "probe search on $index answered $status: $(head -c 500 "$WORK/probe.json")"; exit 1; }
done

# ---- first minute of a fresh instance -----------------------------------------------------------------------
RESULTS=$OUT/results.tsv
printf 'generator\ttarget\tindex\tconnections\trps\tp50_ms\tp99_ms\terrors\trequests\tload_before\tload_after\tcpu_us\n' > "$RESULTS"
# The search view in Redis follows the import (written through from the change log); a fresh instance of a real
# deployment starts against a view that is there, so wait for it (builds without a view have no such metric).
for _ in $(seq 1 600); do
  view=$(metric proximity_view_position); head=$(metric proximity_changes_head_position)
  { [ -z "$view" ] || [ "$view" = "$head" ]; } && break
  sleep 0.5
done
[ -n "${view:-}" ] && log "Redis view at log position $view (head $head)"
FRESH_PORT=$((PORT + 5)) FRESH_MANAGEMENT_PORT=$((PORT + 7))
SIGNING_KEY=$(cat "$WORK/app-data/token-signing-key")
for index in $FIRST_MINUTE_INDEXES; do
  log "fresh instance on port $FRESH_PORT ($index): first minute from ready, 8 connections"
  # shellcheck disable=SC2086
  java $APP_JAVA_OPTS -jar "$JAR" --server.port="$FRESH_PORT" --management.server.port="$FRESH_MANAGEMENT_PORT" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/proximity" --spring.datasource.username=postgres \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$APP_REDIS_PORT" \
    --proximity.security.token.signing-key="$SIGNING_KEY" --proximity.id.node=7 \
    --proximity.demo.enabled=false --proximity.rate-limit.enabled=false $FRESH_ARGS > "$OUT/fresh-$index.log" 2>&1 &
  FRESH_PID=$!
  T0=$(date +%s.%N)
  before=$(loadavg)
  index_args=()
  [ "$index" != "$DEFAULT_INDEX" ] && index_args=(--index "$index")
  # The generator's own JVM is cold too: it warms up on the first instance for 5 s while the fresh one starts,
  # then waits for the fresh one's readiness and measures from that instant.
  bench_java dev.proximity.bench.LoadGenerator --target http --port "$FRESH_PORT" "${index_args[@]}" \
    --queries "$WORK/queries.csv" --redis-range-only --connections 8 --duration 60 --warmup 0 --limit 50 \
    --split 20 --windows --client-warmup-port "$APP_PORT" --client-warmup 5 \
    --await-ready "http://127.0.0.1:$FRESH_MANAGEMENT_PORT/actuator/health/readiness" > "$OUT/jvm-fresh-$index.txt"
  kill -0 "$FRESH_PID" 2>/dev/null || { log "the fresh instance exited; see $OUT/fresh-$index.log"; exit 1; }
  # where its cells came from (the local layer, the Redis view, memory): the first minute is what they change
  curl -sf "http://127.0.0.1:$FRESH_MANAGEMENT_PORT/actuator/prometheus" | grep '^proximity_cells_requests' \
    > "$OUT/fresh-$index-cells.txt" || true
  log "fresh $index cells: $(awk '{ split($1, t, "layer=\""); split(t[2], l, "\""); split($1, u, "result=\""); split(u[2], r, "\""); printf "%s %s %d; ", l[1], r[1], $2 }' "$OUT/fresh-$index-cells.txt")"
  READY_SECONDS=$(awk -v a="$T0" -v b="$(sed -n 's/^READY .*at_epoch_ms=//p' "$OUT/jvm-fresh-$index.txt")" \
    'BEGIN { printf "%.1f", b / 1000 - a }')
  first=$(grep '^RESULT_FIRST' "$OUT/jvm-fresh-$index.txt"); rest=$(grep '^RESULT_REST' "$OUT/jvm-fresh-$index.txt")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' fresh-first20s http "$index" 8 "$(field_of rps "$first")" \
    "$(field_of p50_ms "$first")" "$(field_of p99_ms "$first")" "$(field_of errors "$first")" \
    "$(field_of requests "$first")" "$before" "$(loadavg)" - >> "$RESULTS"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' fresh-after20s http "$index" 8 "$(field_of rps "$rest")" \
    "$(field_of p50_ms "$rest")" "$(field_of p99_ms "$rest")" - "$(field_of requests "$rest")" "$before" "$(loadavg)" - >> "$RESULTS"
  log "fresh $index: ready in $READY_SECONDS s; first 20 s $(field_of rps "$first")/s p99 $(field_of p99_ms "$first") ms" \
      "errors $(field_of errors "$first"); 20-60 s $(field_of rps "$rest")/s p99 $(field_of p99_ms "$rest") ms"
  echo "$index $READY_SECONDS" >> "$WORK/ready-seconds.txt"
  kill -TERM "$FRESH_PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$FRESH_PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$FRESH_PID" 2>/dev/null || true
  FRESH_PID=
done

# ---- Redis -------------------------------------------------------------------------------------------------
REDIS_SERVER=${REDIS_SERVER:-$(command -v redis-server || true)}
if [ -z "$REDIS_SERVER" ]; then # the binary the app unpacked from its embedded-redis dependency
  REDIS_SERVER=$(find "$WORK/app-data" -name 'redis-server*' -type f -perm -u+x | head -1)
  cp "$REDIS_SERVER" "$WORK/redis-server"; REDIS_SERVER=$WORK/redis-server
fi
mkdir -p "$WORK/redis"
"$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK/redis" \
  --daemonize no --loglevel warning > "$OUT/redis.log" 2>&1 &
REDIS_PID=$!
REDIS_VERSION=$("$REDIS_SERVER" --version | sed 's/.*v=\([^ ]*\).*/\1/')
sleep 0.5
log "loading the points into redis-server $REDIS_VERSION on port $REDIS_PORT (pipelined GEOADD)"
bench_java dev.proximity.bench.RedisGeoLoader "$WORK/businesses.csv" "$REDIS_PORT" businesses > "$WORK/geoadd.txt"
log "redis: $(cat "$WORK/geoadd.txt")"

# ---- PostGIS -----------------------------------------------------------------------------------------------
# The same search as SQL (PostgisDWithinTarget): a PostgreSQL server of its own, 1 GB of shared buffers so the
# table and its index are served from memory, and durability off (it only makes the load faster: every query
# only reads).
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}
POSTGIS_NOTE=
if [ "$USE_POSTGIS" = 1 ] && [ "$USE_JVM" = 1 ]; then
  if [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] \
      && [ -f "$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo /nonexistent)/extension/postgis.control" ]; then
    mkdir -p "$WORK/postgis"
    if [ "$(id -u)" -eq 0 ]; then chmod 755 "$WORK"; chown "${PG_OS_USER:-postgres}" "$WORK/postgis"; fi
    as_pg "$PG_BIN/initdb" -D "$WORK/postgis/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
      > "$OUT/postgis-initdb.log"
    as_pg "$PG_BIN/pg_ctl" start -D "$WORK/postgis/data" -l "$WORK/postgis/server.log" -w -t 60 -s \
      -o "-c port=$POSTGIS_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$WORK/postgis' -c shared_buffers=1GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    POSTGIS_PID=$(head -1 "$WORK/postgis/data/postmaster.pid")
    POSTGIS_VERSION=$("$PG_BIN/postgres" --version | awk '{print $3}')
    log "loading the points into PostgreSQL $POSTGIS_VERSION with PostGIS on port $POSTGIS_PORT (COPY, then GiST index)"
    bench_java dev.proximity.bench.PostgisLoader "$WORK/businesses.csv" \
      "jdbc:postgresql://127.0.0.1:$POSTGIS_PORT/postgres?user=postgres" > "$WORK/postgis-load.txt"
    log "postgis: $(cat "$WORK/postgis-load.txt")"
  else
    POSTGIS_NOTE="no PostGIS comparison: no PostgreSQL server binaries with the PostGIS extension (Debian: postgresql-15-postgis-3)"
    log "$POSTGIS_NOTE"
  fi
fi
REDIS_QUERIES=$(awk -F, 'NR > 1 && NF >= 4 && $2 <= 85.05112878 && $2 >= -85.05112878' "$WORK/queries.csv" | wc -l)

# ---- load --------------------------------------------------------------------------------------------------
# A PostgreSQL server's CPU: the postmaster's, its exited backends' (reaped, so counted in its own children's
# times) and that of the processes still running under it.
server_tree_cpu_seconds() {
  local pids
  pids=$(ps -o pid= --ppid "$1" | tr -d ' ' | tr '\n' ' ')
  # shellcheck disable=SC2086
  (cd /proc && cat "$1/stat" $(for p in $pids; do echo "$p/stat"; done) 2>/dev/null) \
    | awk -v hz="$(getconf CLK_TCK)" -v root="$1" '{ t += $14 + $15; if ($1 == root) t += $16 + $17 } END { printf "%.2f", t / hz }'
}
record() { # generator target index connections load-before result-line [server-cpu-seconds seconds-run]
  local line=$6 errors after cpu=-
  field() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  errors=$(( $(field errors_status) + $(field errors_socket) ))
  after=$(loadavg)
  # over the warm-up and the measured part alike, at the measured rate: microseconds of server CPU per request
  [ -n "${7:-}" ] && cpu=$(awk -v c="$7" -v s="$8" -v r="$(field rps)" 'BEGIN { printf "%.0f", c * 1e6 / (r * s) }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$(field rps)" "$(field p50_ms)" \
    "$(field p99_ms)" "$errors" "$(field requests)" "$5" "$after" "$cpu" >> "$RESULTS"
  log "$1 $2 $3 c=$4: $(field rps)/s p50 $(field p50_ms) ms p99 $(field p99_ms) ms errors $errors" \
      "server CPU ${cpu} us/request (load $5 -> $after)"
}
wrk_run() { # index connections seconds
  local threads=$WRK_THREADS
  [ "$2" -lt "$threads" ] && threads=$2
  run wrk -t"$threads" -c"$2" -d"$3s" --timeout 5s --latency -s bench/nearby.lua "$B" -- "$WORK/paths-$1.txt"
}
jvm_run() { # target index connections; prints the RESULT line
  local target_args=(--target "$1" --port "$APP_PORT")
  [ "$1" = redis ] && target_args=(--target redis --port "$REDIS_PORT" --key businesses)
  [ "$1" = postgis ] && target_args=(--target postgis --port "$POSTGIS_PORT")
  [ "$1" = http ] && [ "$2" != "$DEFAULT_INDEX" ] && target_args+=(--index "$2")
  bench_java dev.proximity.bench.LoadGenerator "${target_args[@]}" --queries "$WORK/queries.csv" \
    --redis-range-only --connections "$3" --duration "$DURATION" --warmup "$WARMUP" --limit 50 ${ONCE:+--once}
}

# The cold pass: each query of the mix sent once per index, right after the import and the fresh instances,
# reported on its own ("cold" rows): the first instance's local cell layers were emptied by the import, and the
# JIT has not seen every path yet.
for index in $INDEXES; do
  before=$(loadavg)
  ONCE=1 jvm_run http "$index" 8 > "$OUT/jvm-cold-$index.txt"
  record jvm-cold http "$index" 8 "$before" "$(grep '^RESULT' "$OUT/jvm-cold-$index.txt")"
done

# One JIT warm-up of the whole request path for every index before anything is measured, so that the first
# measured index does not pay for compiling the code all of them share.
if [ "$WARMUP" -gt 0 ]; then
  log "warming up: $((3 * WARMUP)) s per index at 8 connections"
  for index in $INDEXES; do
    if [ "$USE_WRK" = 1 ]; then wrk_run "$index" 8 "$((3 * WARMUP))" > /dev/null
    else DURATION=$((3 * WARMUP)) WARMUP=0 jvm_run http "$index" 8 > /dev/null; fi
  done
fi

for connections in $CONNECTIONS; do
  if [ "$USE_WRK" = 1 ]; then
    for index in $INDEXES; do
      [ "$WARMUP" -gt 0 ] && wrk_run "$index" "$connections" "$WARMUP" > /dev/null
      before=$(loadavg)
      wrk_run "$index" "$connections" "$DURATION" > "$OUT/wrk-$index-c$connections.txt"
      record wrk http "$index" "$connections" "$before" "$(grep '^RESULT' "$OUT/wrk-$index-c$connections.txt")"
    done
  fi
  if [ "$USE_JVM" = 1 ]; then
    for index in $INDEXES; do
      before=$(loadavg)
      cpu=$(cpu_seconds "$APP_PID")
      jvm_run http "$index" "$connections" > "$OUT/jvm-$index-c$connections.txt"
      record jvm http "$index" "$connections" "$before" "$(grep '^RESULT' "$OUT/jvm-$index-c$connections.txt")" \
        "$(awk -v a="$cpu" -v b="$(cpu_seconds "$APP_PID")" 'BEGIN { print b - a }')" "$((WARMUP + DURATION))"
    done
    before=$(loadavg)
    cpu=$(cpu_seconds "$REDIS_PID")
    jvm_run redis - "$connections" > "$OUT/jvm-redis-c$connections.txt"
    record jvm redis GEOSEARCH "$connections" "$before" "$(grep '^RESULT' "$OUT/jvm-redis-c$connections.txt")" \
      "$(awk -v a="$cpu" -v b="$(cpu_seconds "$REDIS_PID")" 'BEGIN { print b - a }')" "$((WARMUP + DURATION))"
    if [ -n "$POSTGIS_PID" ]; then
      before=$(loadavg)
      cpu=$(server_tree_cpu_seconds "$POSTGIS_PID")
      jvm_run postgis - "$connections" > "$OUT/jvm-postgis-c$connections.txt"
      sleep 1 # the backends of the closed connections exit and are reaped
      record jvm postgis ST_DWithin "$connections" "$before" "$(grep '^RESULT' "$OUT/jvm-postgis-c$connections.txt")" \
        "$(awk -v a="$cpu" -v b="$(server_tree_cpu_seconds "$POSTGIS_PID")" 'BEGIN { print b - a }')" "$((WARMUP + DURATION))"
    fi
  fi
done

if [ "$PROFILE" -gt 0 ]; then # a separate run, so the figures above carry no profiler
  log "profiling the app for $PROFILE s under wrk, $DEFAULT_INDEX, 8 connections (JFR)"
  jcmd "$APP_PID" JFR.start name=load-bench settings=profile filename="$OUT/app.jfr" >/dev/null
  if [ "$USE_WRK" = 1 ]; then wrk_run "$DEFAULT_INDEX" 8 "$PROFILE" > /dev/null
  else DURATION=$PROFILE WARMUP=0 jvm_run http "$DEFAULT_INDEX" 8 > /dev/null; fi
  jcmd "$APP_PID" JFR.stop name=load-bench >/dev/null
  # Top frames of the execution samples, and the top project methods anywhere on the sampled stacks.
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$OUT/app.jfr" > "$WORK/samples.txt"
  { # (head closes its pipe early: no pipefail in here)
    set +o pipefail
    echo "top frames ($(grep -c 'jdk.ExecutionSample' "$WORK/samples.txt") samples):"
    awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print }' "$WORK/samples.txt" \
      | sort | uniq -c | sort -rn | head -40
    echo; echo "dev.proximity frames on the sampled stacks (inclusive):"
    awk '/stackTrace = \[/ { delete seen; next } /dev\.proximity\./ { f = $0; sub(/^[ \t]+/, "", f); sub(/line:.*/, "", f);
         if (!(f in seen)) { seen[f] = 1; print f } }' "$WORK/samples.txt" | sort | uniq -c | sort -rn | head -30
  } > "$OUT/profile.txt"
  log "profile summary: $OUT/profile.txt"
fi

if [ "$PERF" -gt 0 ]; then # also a separate run: perf's sampling costs the app some CPU
  log "perf: sampling the app for $PERF s under the JVM generator, $DEFAULT_INDEX, 8 connections"
  perf record -F 997 -p "$APP_PID" -o "$OUT/app.perf" -- sleep "$PERF" 2> "$WORK/perf.log" &
  perf_pid=$!
  DURATION=$PERF WARMUP=0 jvm_run http "$DEFAULT_INDEX" 8 > /dev/null
  wait "$perf_pid" || true
  jcmd "$APP_PID" Compiler.perfmap >/dev/null # /tmp/perf-<pid>.map: where each JIT-compiled method lies
  { # (head closes its pipe early: no pipefail in here)
    set +o pipefail
    echo "samples by where the code lives ([kernel.kallsyms] is the kernel, perf-<pid>.map JIT-compiled Java):"
    perf report -i "$OUT/app.perf" --no-children --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -15
    echo; echo "top symbols (a JIT-compiled method includes what it inlined):"
    perf report -i "$OUT/app.perf" --no-children --sort dso,sym --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -60
  } > "$OUT/perf.txt"
  log "perf summary: $OUT/perf.txt"
fi

# ---- an import into the warm instance under load -------------------------------------------------------------
if [ "$IMPORT_UNDER_LOAD" -gt 0 ] && [ "$USE_JVM" = 1 ]; then
  # new businesses at the benchmark's own places (other ids), so the import touches the cells the queries read
  awk -v n="$IMPORT_UNDER_LOAD" 'NR == 1 { print; next } NR <= n + 1 { print }' "$WORK/import.csv" > "$WORK/import-more.csv"
  log "importing $IMPORT_UNDER_LOAD more businesses into the warm instance under load ($DEFAULT_INDEX, 8 connections)"
  before=$(loadavg)
  bench_java dev.proximity.bench.LoadGenerator --target http --port "$APP_PORT" --queries "$WORK/queries.csv" \
    --redis-range-only --connections 8 --duration 40 --warmup 0 --limit 50 --windows > "$OUT/import-load.txt" &
  generator=$!
  sleep 10
  I0=$(date +%s.%N)
  more=$(curl -s -X POST "$B/v1/businesses/import" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/import-more.csv" -w ' %{http_code}')
  I1=$(date +%s.%N)
  wait "$generator"
  log "import under load: ${more% *} in $(awk -v a="$I0" -v b="$I1" 'BEGIN { printf "%.1f", b - a }') s"
  # the p99 of the seconds before the import (median of seconds 3-9) against every later second's
  awk -v t="$(awk -v a="$I0" -v b="$I1" 'BEGIN { printf "%.1f", b - a }')" '
    /^WINDOW/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                s = v["second"]; p99[s] = v["p99_ms"]; req[s] = v["requests"]; if (s > last) last = s }
    END {
      n = 0; for (s = 3; s <= 9; s++) if (s in p99) base[++n] = p99[s]
      asort(base); ref = base[int((n + 1) / 2)]
      worst = 0; for (s = 10; s <= last; s++) if (s in p99 && p99[s] > worst) { worst = p99[s]; at = s }
      printf "IMPORT_LOAD steady_p99_ms=%.3f worst_p99_ms=%.3f worst_second=%d ratio=%.2f import_seconds=%s\n", ref, worst, at, worst / ref, t
    }' "$OUT/import-load.txt" >> "$OUT/import-load.txt"
  summary=$(grep '^IMPORT_LOAD' "$OUT/import-load.txt")
  log "import under load: $summary"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' import-load http "$DEFAULT_INDEX" 8 - \
    "steady p99 $(field_of steady_p99_ms "$summary")" "worst second p99 $(field_of worst_p99_ms "$summary") ($(field_of ratio "$summary")x)" \
    - - "$before" "$(loadavg)" - >> "$RESULTS"
fi

# ---- summary -----------------------------------------------------------------------------------------------
rps_of() { awk -F'\t' -v g="$1" -v t="$2" -v i="$3" -v c="$4" '$1 == g && $2 == t && $3 == i && $4 == c { print $5 }' "$RESULTS"; }
{
  echo "# Load benchmark $STAMP"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), redis-server $REDIS_VERSION, $( [ "$USE_WRK" = 1 ] && wrk --version 2>&1 | head -1 | cut -d' ' -f1-2 || echo "no wrk")"
  [ -n "$POSTGIS_PID" ] && echo "- PostGIS: PostgreSQL $POSTGIS_VERSION, $(cat "$WORK/postgis-load.txt")"
  [ -n "$POSTGIS_NOTE" ] && echo "- $POSTGIS_NOTE"
  echo "- data: $DATA_SOURCE; $ROWS businesses imported in $IMPORT_SECONDS s; $QUERY_COUNT queries ($REDIS_QUERIES within Redis' latitude range, used by the JVM generator for every target)"
  echo "- each run: $WARMUP s warm-up, $DURATION s measured, limit=50 / COUNT 50; wrk $WRK_THREADS threads; load averages (1/5/15 min) before and after each run"
  [ -s "$WORK/ready-seconds.txt" ] && echo "- fresh instance (production mode on the same PostgreSQL and Redis): ready after $(awk '{ printf "%s%s %s s", sep, $1, $2; sep = ", " }' "$WORK/ready-seconds.txt"); fresh-first20s = its first 20 s from ready, fresh-after20s = seconds 20-60, both at 8 connections with the JVM generator"
  echo
  echo "| generator | target | index | connections | searches/s | p50 ms | p99 ms | errors | server CPU µs/request | load before | load after |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $12, $10, $11 }' "$RESULTS"
  echo
  for connections in $CONNECTIONS; do
    postgis=$(rps_of jvm postgis ST_DWithin "$connections")
    app=$(rps_of jvm http "$DEFAULT_INDEX" "$connections")
    [ -n "$postgis" ] && [ -n "$app" ] && awk -v a="$app" -v p="$postgis" -v c="$connections" -v i="$DEFAULT_INDEX" \
      'BEGIN { printf "- %s connections: app (%s, jvm) / PostGIS ST_DWithin (jvm) = %.2f\n", c, i, a / p }'
    redis=$(rps_of jvm redis GEOSEARCH "$connections")
    [ -n "$redis" ] || continue
    for generator in jvm wrk; do
      app=$(rps_of "$generator" http "$DEFAULT_INDEX" "$connections")
      [ -n "$app" ] && awk -v a="$app" -v r="$redis" -v g="$generator" -v c="$connections" -v i="$DEFAULT_INDEX" \
        'BEGIN { printf "- %s connections: app (%s, %s) / Redis GEOSEARCH (jvm) = %.2f\n", c, i, g, a / r }'
    done
    app_cpu=$(awk -F'\t' -v i="$DEFAULT_INDEX" -v c="$connections" '$1 == "jvm" && $2 == "http" && $3 == i && $4 == c { print $12 }' "$RESULTS")
    redis_cpu=$(awk -F'\t' -v c="$connections" '$1 == "jvm" && $2 == "redis" && $4 == c { print $12 }' "$RESULTS")
    [ -n "$app_cpu" ] && [ "$app_cpu" != - ] && [ -n "$redis_cpu" ] && awk -v a="$app_cpu" -v r="$redis_cpu" -v c="$connections" \
      'BEGIN { printf "- %s connections: server CPU per request, Redis GEOSEARCH / app = %d / %d us = %.2f\n", c, r, a, r / a }' \
      || true
  done
} > "$OUT/results.md"
cat "$OUT/results.md"
log "done; results in $OUT/results.md"
