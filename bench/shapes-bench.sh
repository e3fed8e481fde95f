#!/usr/bin/env bash
# Load benchmark of the search calls side by side: plain nearby search, nearby with a keyword (q), nearest, area
# (a map viewport) and clusters (a city viewport at zoom 14, and the whole world at zoom 3), in the same run on
# the same data (see docs/benchmarks.md, "Search shapes under load"). Starts the built jar in embedded mode on a
# throwaway data directory (rate limiting and demo data off), imports the benchmark businesses through
# POST /v1/businesses/import, then drives it closed-loop with the JVM LoadGenerator (--target http --shape S):
#   1. a check pass per shape: every query of the mix sent once (world clusters: 5 s), at 8 connections; any
#      answer that is not 2xx stops the script with the first failing request and its answer;
#   2. a warm-up of every shape (2 x --warmup s each), so that the first measured shape pays no JIT for the rest;
#   3. --rounds interleaved rounds: in each round every shape in turn at --connections (--warmup s unmeasured,
#      then --duration s measured), so a noisy minute on a shared machine hits all shapes alike; the shapes are
#      nearby, keyword, nearest, area, clusters, world-clusters and nearby-r1000 (nearby with radius 1000 m and
#      limit 10: "nearby with a guessed radius", what nearest replaces);
#   4. single-connection passes (one each, same durations): world clusters at zoom 3 and at zoom 5 (16,384 grid
#      cells), nearest, nearby-r1000 and plain nearby: latency alone, with the server's own mean time per request
#      from its http_server_requests timer.
# Reported per shape: the median over the rounds of searches/s, p50, p99 and the server's CPU per request (from
# /proc/<pid>/stat over warm-up and measured part, at the measured rate), and the median over the rounds of each
# shape's p50, searches/s and CPU per search divided by plain nearby's in the same round. Every figure is steady
# state (after the import, the check pass and the warm-ups); a fresh instance's first minute is load-bench.sh's.
# Queries: the whole mix (poles and antimeridian included, not only Redis' latitude range). Keywords: one word of
# the generated names (LoadBenchData's ADJ and NOUN lists, lower-cased), chosen by the query's position; area and
# clusters boxes: centred on the query, half-height radius / 111,195 m in degrees, half-width that / cos(lat),
# shrunk to the server's limits (100 km diagonal; 65,536 grid cells for clusters): see HttpNearbyTarget.
# Usage (after `mvn -B package -DskipTests`):
#   bench/shapes-bench.sh [--duration 30] [--warmup 10] [--rounds 3] [--connections 8] [--businesses 1000000]
#                         [--queries 10000] [--shapes "nearby keyword ..."] [--index s2] [--limit 50]
#                         [--port 18401] [--out DIR] [--keep]
# --shapes runs only those shapes (nearby is always added: the ratios are to it); --index sends that index
# parameter (default none: the server's default, S2); --no-single skips the single-connection passes.
# Ports used: --port (app), +1 (embedded PostgreSQL), +2 (embedded Redis).
# Everything it started is stopped and its temp dir removed on exit, also on Ctrl-C.
# Environment: MVN (default "mvn -B -q"), APP_JAVA_OPTS (default "-Xms2g -Xmx2g -XX:+AlwaysPreTouch"),
# JAR (default target/proximity-*.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DURATION=30 WARMUP=10 ROUNDS=3 CONNECTIONS=8 BUSINESSES=1000000 QUERIES=10000 BUSINESS_SEED=42 QUERY_SEED=7
ALL_SHAPES="nearby keyword nearest area clusters world-clusters nearby-r1000"
SHAPES=$ALL_SHAPES INDEX= LIMIT=50 PORT=18401 OUT= KEEP=0 SINGLE=1
MVN=${MVN:-mvn -B -q}
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch} # as the shipped image (see Dockerfile)

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --businesses) BUSINESSES=$2; shift ;;
    --queries) QUERIES=$2; shift ;;
    --shapes) SHAPES=$2; shift ;;
    --index) INDEX=$2; shift ;;
    --limit) LIMIT=$2; shift ;;
    --port) PORT=$2; shift ;;
    --out) OUT=$2; shift ;;
    --keep) KEEP=1 ;;
    --no-single) SINGLE=0 ;;
    -h|--help) awk 'NR == 1 { next } /^#/ { print; next } { exit }' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for shape in $SHAPES; do
  case " $ALL_SHAPES " in *" $shape "*) ;; *) echo "unknown shape $shape (one of: $ALL_SHAPES)" >&2; exit 2 ;; esac
done
case " $SHAPES " in *" nearby "*) ;; *) SHAPES="nearby $SHAPES" ;; esac

APP_PORT=$PORT PG_PORT=$((PORT + 1)) APP_REDIS_PORT=$((PORT + 2)) APP_MANAGEMENT_PORT=$((PORT + 3))
JAR=${JAR:-$(ls target/proximity-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)}
[ -n "$JAR" ] || { echo "no target/proximity-*.jar: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
[ -d target/test-classes/dev/proximity/bench ] || { echo "no test classes: run 'mvn -B package -DskipTests' first" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${OUT:-target/shapes-bench/$STAMP}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/proximity-shapes-bench.XXXXXX")
APP_PID= CHILD_PID=

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$CHILD_PID" ] && kill "$CHILD_PID" 2>/dev/null || true
  stop_pid "$APP_PID"
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

# ---- data --------------------------------------------------------------------------------------------------
log "generating $BUSINESSES businesses and $QUERIES queries with the project's generators"
bench_java dev.proximity.bench.LoadBenchData "$WORK" "$BUSINESSES" "$BUSINESS_SEED" "$QUERIES" "$QUERY_SEED"
DATA_SOURCE="LoadBenchData ($BUSINESSES businesses, seed $BUSINESS_SEED; $QUERIES queries, seed $QUERY_SEED)"
ROWS=$(($(wc -l < "$WORK/businesses.csv") - 1))
# The import takes the API's field names and no id (the server assigns ids).
awk 'NR == 1 { print "name,category,latitude,longitude"; next } { sub(/^[^,]*,/, ""); print }' \
  "$WORK/businesses.csv" > "$WORK/import.csv"

# ---- app ---------------------------------------------------------------------------------------------------
start_embedded_app
import_as_owner shapes-bench@example.com 'Shapes bench'
# Search must see every business (the import is applied from the change log, the clusters index is built in the
# background after it): the whole world's count.
for _ in $(seq 1 120); do
  total=$(curl -s "$B/v1/search/clusters?south=-90&west=-180&north=90&east=180&zoom=0" | sed -n 's/^{"total":\([0-9]*\).*/\1/p')
  [ "$total" = "$ROWS" ] && break
  sleep 0.5
done
[ "$total" = "$ROWS" ] || { log "whole-world clusters count ${total:-no} businesses, not $ROWS"; exit 1; }

# The search view in Redis follows the import (written through from the change log): wait for it, so that the
# measured runs do not share the machine with its writes (builds without a view have no such metric).
for _ in $(seq 1 600); do
  view=$(metric proximity_view_position); head=$(metric proximity_changes_head_position)
  { [ -z "$view" ] || [ "$view" = "$head" ]; } && break
  sleep 0.5
done
[ -n "${view:-}" ] && log "Redis view at log position $view (head $head)"

# ---- runs --------------------------------------------------------------------------------------------------
RESULTS=$OUT/results.tsv
printf 'round\tshape\tconnections\trps\tp50_ms\tp99_ms\terrors\trequests\tcpu_us\tbody_bytes\tserver_mean_ms\tload_before\tload_after\n' > "$RESULTS"
ERRORS=0
# The app's own timer of a URI (sum of seconds and count over every status and method): "sum count".
server_timer() {
  { curl -sf "$OPS/actuator/prometheus" || true; } | awk -v uri="uri=\"$1\"" '
    /^http_server_requests_seconds_(sum|count)\{/ && index($0, uri) {
      if ($1 ~ /_sum\{/) s += $2; else c += $2 }
    END { printf "%.6f %d", s, c }'
}
uri_of() {
  case "$1" in
    nearby|keyword|nearby-r1000) echo /v1/search/nearby ;;
    nearest) echo /v1/search/nearest ;;
    area) echo /v1/search/area ;;
    clusters|world-clusters*) echo /v1/search/clusters ;;
  esac
}
# The generator's arguments for a shape name (nearby-r1000: nearby, radius 1000 m, limit 10; world-clusters-z5:
# world clusters at zoom 5).
shape_args() {
  local args
  case "$1" in
    nearby-r1000) args=(--shape nearby --radius 1000 --limit 10) ;;
    world-clusters-z5) args=(--shape world-clusters --zoom 5) ;;
    *) args=(--shape "$1" --limit "$LIMIT") ;;
  esac
  [ -n "$INDEX" ] && args+=(--index "$INDEX")
  echo "${args[@]}"
}
generator() { # shape connections more-args...; the output goes to stdout
  local shape=$1 connections=$2
  shift 2
  # shellcheck disable=SC2046
  bench_java dev.proximity.bench.LoadGenerator --target http --port "$APP_PORT" --queries "$WORK/queries.csv" \
    $(shape_args "$shape") --connections "$connections" "$@"
}
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
check_errors() { # shape output-file: stops the script on any error answer
  local result errors
  result=$(grep '^RESULT ' "$2")
  errors=$(( $(field errors_status "$result") + $(field errors_socket "$result") ))
  if [ "$errors" -gt 0 ]; then
    log "$1: $errors errors ($(field errors_status "$result") not 2xx, $(field errors_socket "$result") socket)"
    grep '^FIRST_ERROR' "$2" | head -c 2000 >&2 || true
    return 1
  fi
}

log "check pass: every query of each shape once at 8 connections (world clusters: 5 s)"
for shape in $SHAPES; do
  if [ "$shape" = world-clusters ]; then
    generator "$shape" 8 --duration 5 --warmup 0 > "$OUT/check-$shape.txt"
  else
    generator "$shape" 8 --once > "$OUT/check-$shape.txt"
  fi
  result=$(grep '^RESULT ' "$OUT/check-$shape.txt")
  log "check $shape: $(field requests "$result") requests, $(field rps "$result")/s, p99 $(field p99_ms "$result") ms;" \
    "$(grep '^TARGET' "$OUT/check-$shape.txt" | cut -d' ' -f2-)"
  check_errors "$shape" "$OUT/check-$shape.txt" || { log "stopping: every shape must answer 2xx"; exit 1; }
done

if [ "$WARMUP" -gt 0 ]; then
  log "warming up: $((2 * WARMUP)) s per shape at $CONNECTIONS connections"
  for shape in $SHAPES; do
    generator "$shape" "$CONNECTIONS" --duration "$((2 * WARMUP))" --warmup 0 > "$OUT/warmup-$shape.txt"
    check_errors "$shape" "$OUT/warmup-$shape.txt" || ERRORS=1
  done
fi

measure() { # round shape connections
  local before after cpu0 cpu1 timer0 timer1 out=$OUT/run-$1-$2-c$3.txt result errors cpu server
  before=$(loadavg)
  cpu0=$(cpu_seconds "$APP_PID")
  timer0=$(server_timer "$(uri_of "$2")")
  generator "$2" "$3" --duration "$DURATION" --warmup "$WARMUP" > "$out"
  cpu1=$(cpu_seconds "$APP_PID")
  timer1=$(server_timer "$(uri_of "$2")")
  after=$(loadavg)
  check_errors "$2" "$out" || ERRORS=1
  result=$(grep '^RESULT ' "$out")
  errors=$(( $(field errors_status "$result") + $(field errors_socket "$result") ))
  # over the warm-up and the measured part alike, at the measured rate: microseconds of server CPU per request
  cpu=$(awk -v c="$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { print b - a }')" -v s="$((WARMUP + DURATION))" \
    -v r="$(field rps "$result")" 'BEGIN { printf "%.0f", c * 1e6 / (r * s) }')
  # the server's own mean time per request of this URI over the warm-up and the measured part
  server=$(awk -v a="$timer0" -v b="$timer1" 'BEGIN { split(a, x, " "); split(b, y, " ");
    n = y[2] - x[2]; if (n > 0) printf "%.3f", (y[1] - x[1]) * 1000 / n; else print "-" }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(field rps "$result")" \
    "$(field p50_ms "$result")" "$(field p99_ms "$result")" "$errors" "$(field requests "$result")" "$cpu" \
    "$(field mean_body_bytes "$(grep '^TARGET' "$out")")" "$server" "$before" "$after" >> "$RESULTS"
  log "round $1 $2 c=$3: $(field rps "$result")/s p50 $(field p50_ms "$result") ms p99 $(field p99_ms "$result") ms" \
    "errors $errors; server CPU $cpu us/request, server mean $server ms (load $before -> $after)"
}

for round in $(seq 1 "$ROUNDS"); do
  log "round $round of $ROUNDS: $SHAPES at $CONNECTIONS connections, $WARMUP s + $DURATION s each"
  for shape in $SHAPES; do
    measure "$round" "$shape" "$CONNECTIONS"
  done
done

if [ "$SINGLE" = 1 ]; then
  log "single connection: latency alone"
  for shape in world-clusters world-clusters-z5 nearest nearby-r1000 nearby; do
    case " $SHAPES " in *" ${shape%-z5} "*) ;; *) continue ;; esac
    measure single "$shape" 1
  done
fi

# ---- summary -----------------------------------------------------------------------------------------------
SUMMARY=$OUT/summary.tsv
# Per shape and connection count: medians over the rounds; ratios to plain nearby of the same round.
awk -F'\t' -v OFS='\t' '
  function median(list,    a, n) { n = split(list, a, " "); if (n == 0) return "-"; asort(a);
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  NR == 1 { next }
  { key = $2 SUBSEP $3; if (!(key in seen)) { seen[key] = 1; order[++k] = key }
    rps[key] = rps[key] " " $4; p50[key] = p50[key] " " $5; p99[key] = p99[key] " " $6; cpu[key] = cpu[key] " " $9
    body[key] = body[key] " " $10; server[key] = server[key] " " $11; n[key]++
    row[NR] = $0; round[NR] = $1; shape[NR] = $2; conn[NR] = $3; r[NR] = $4; p[NR] = $5
    cpuOf[NR] = $9
    if ($2 == "nearby") { baseRps[$1, $3] = $4; baseP50[$1, $3] = $5; baseCpu[$1, $3] = $9 } }
  END {
    for (i in row) { key = shape[i] SUBSEP conn[i]
      if ((round[i], conn[i]) in baseRps) {
        rpsRatio[key] = rpsRatio[key] " " r[i] / baseRps[round[i], conn[i]]
        p50Ratio[key] = p50Ratio[key] " " p[i] / baseP50[round[i], conn[i]]
        cpuRatio[key] = cpuRatio[key] " " cpuOf[i] / baseCpu[round[i], conn[i]] } }
    print "shape", "connections", "runs", "rps", "p50_ms", "p99_ms", "cpu_us", "body_bytes", "server_mean_ms", "rps_vs_nearby", "p50_vs_nearby", "cpu_vs_nearby"
    for (j = 1; j <= k; j++) { key = order[j]; split(key, sc, SUBSEP)
      print sc[1], sc[2], n[key], median(rps[key]), median(p50[key]), median(p99[key]), median(cpu[key]),
        median(body[key]), (server[key] ~ /-/ ? "-" : median(server[key])),
        (key in rpsRatio ? sprintf("%.2f", median(rpsRatio[key])) : "-"),
        (key in p50Ratio ? sprintf("%.2f", median(p50Ratio[key])) : "-"),
        (key in cpuRatio ? sprintf("%.2f", median(cpuRatio[key])) : "-") } }' "$RESULTS" > "$SUMMARY"
{
  echo "# Search shapes under load $STAMP"
  echo
  echo "- machine: $MACHINE; load average at the end $(loadavg)"
  echo "- data: $DATA_SOURCE; $ROWS businesses imported in $IMPORT_SECONDS s; the whole query mix"
  echo "- each run: $WARMUP s warm-up, $DURATION s measured, closed loop (LoadGenerator, one thread per connection);" \
       "$ROUNDS interleaved rounds at $CONNECTIONS connections, then one run per shape at 1 connection;" \
       "index: ${INDEX:-default (S2)}; limit $LIMIT (nearest and nearby-r1000: 10)"
  echo "- steady state: after the import, a check pass and a warm-up of every shape"
  echo "- medians over the rounds; vs nearby: the median over the rounds of the shape's figure / plain nearby's in the same round (1 connection: / plain nearby at 1 connection)"
  echo "- server mean: the app's http_server_requests timer over warm-up and measured part (sum / count)"
  echo
  echo "| shape | connections | runs | searches/s | p50 ms | p99 ms | server CPU µs/search | answer bytes | server mean ms | searches/s vs nearby | p50 vs nearby | CPU vs nearby |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$SUMMARY"
  echo
  echo "Every run:"
  echo
  echo "| round | shape | connections | searches/s | p50 ms | p99 ms | errors | server CPU µs/search | server mean ms | load before | load after |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $9, $11, $12, $13 }' "$RESULTS"
  echo
  echo "Boxes shrunk to the server's limits (of the mix): $(for shape in area clusters; do
    [ -f "$OUT/check-$shape.txt" ] && echo -n "$shape $(field boxes_shrunk "$(grep '^TARGET' "$OUT/check-$shape.txt")"); "; done)"
} > "$OUT/results.md"
cat "$OUT/results.md"
if [ "$ERRORS" != 0 ]; then
  log "some runs had error answers (see above and $RESULTS)"
  exit 1
fi
log "done; results in $OUT/results.md"
