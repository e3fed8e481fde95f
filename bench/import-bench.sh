#!/usr/bin/env bash
# Bulk-import benchmark: uploads a 1,000,000-row CSV made by the project's own BusinessSetGenerator to the
# built jar running with a 1 GB heap on its embedded PostgreSQL, and reports rows/s and the peak heap seen.
#
# Usage (from the repository root):
#   mvn -B -q package -DskipTests
#   mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
#   bench/import-bench.sh [rows] [runs]
# Environment: PORT (default 18090), HEAP (default 1g), JAR (default target/proximity-*.jar), JAVA_OPTS (extra
# JVM flags, e.g. a JFR recording),
# WARMUP (rows of a first, untimed upload that warms the JIT; default 100000, 0 for none),
# MODES (default "sync"; "sync async" measures both side by side: each run starts the jar once per mode, in that
# order, on the same file. async sends Prefer: respond-async and is timed from the upload's start until the job
# reads committed, polled every 0.1 s).
# Each run uploads into a fresh data directory (an empty table); needs bash, curl and python3. Leaves nothing
# running and removes its data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUNS=${2:-1}
PORT=${PORT:-18090}
HEAP=${HEAP:-1g}
WARMUP=${WARMUP:-100000}
JAR=${JAR:-$(ls target/proximity-*.jar | head -1)}
CP=target/test-classes:target/classes:$(cat target/test-classpath.txt)
FILES=${TMPDIR:-/tmp}/proximity-import-bench
mkdir -p "$FILES"
B=http://127.0.0.1:$PORT
OPS=http://127.0.0.1:$((PORT + 1)) # the actuator's own port
PID=
DATA=

cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  [ -n "$DATA" ] && rm -rf "$DATA"
  return 0
}
trap cleanup EXIT

csv() { # rows -> path of the CSV, generated once
  local f=$FILES/businesses-$1.csv
  [ -s "$f" ] || java -cp "$CP" dev.proximity.bench.ImportFile "$f" "$1" >&2
  echo "$f"
}

upload() { # file [mode] -> "seconds status"
  if [ "${2:-sync}" = sync ]; then
    curl -s -o "$DATA/import.json" -w '%{time_total} %{http_code}' -X POST "$B/v1/businesses/import" \
         -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @"$1"
    return
  fi
  local start location state status
  start=$(date +%s.%N)
  location=$(curl -s -o /dev/null -D - -X POST "$B/v1/businesses/import" -H 'Prefer: respond-async' \
             -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @"$1" \
             | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  [ -n "$location" ] || { echo "0 no-job"; return; }
  location=$B$location
  state=running
  while [ "$state" = running ]; do
    sleep 0.1
    curl -s -o "$DATA/import.json" "$location" -H "Authorization: Bearer $TOKEN"
    state=$(python3 -c 'import sys, json; print(json.load(open(sys.argv[1]))["state"])' "$DATA/import.json")
  done
  [ "$state" = committed ] && status=202 || status=$state
  echo "$(python3 -c "import time; print(round(time.time() - $start, 3))") $status"
}

FILE=$(csv "$ROWS")
[ "$WARMUP" -gt 0 ] && WARM=$(csv "$WARMUP")
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc: $(nproc); memory: $(free -h | awk '/^Mem:/ {print $2}');" \
     "java: $(java -version 2>&1 | head -1); heap: -Xmx$HEAP; file: $ROWS rows, $(stat -c %s "$FILE") bytes"
for run in $(seq 1 "$RUNS"); do
for mode in ${MODES:-sync}; do
  DATA=$(mktemp -d)
  # shellcheck disable=SC2086
  java -Xmx"$HEAP" -Xlog:gc:file="$DATA/gc.log" ${JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
       --management.server.port="$((PORT + 1))" --proximity.embedded.data-dir="$DATA/data" \
       --proximity.demo.enabled=false >"$DATA/app.log" 2>&1 &
  PID=$!
  ready=
  for _ in $(seq 1 300); do curl -sf "$OPS/actuator/health/readiness" >/dev/null && ready=1 && break; sleep 1; done
  [ -n "$ready" ] || { echo "the app did not become ready:"; tail -20 "$DATA/app.log"; exit 1; }
  curl -sf -o /dev/null -X POST "$B/v1/owners" -H 'Content-Type: application/json' \
       -d '{"email":"bench@example.com","password":"a long passphrase","name":"Bench"}'
  TOKEN=$(curl -sf -X POST "$B/v1/auth/token" -H 'Content-Type: application/json' \
       -d '{"email":"bench@example.com","password":"a long passphrase"}' \
       | python3 -c 'import sys, json; print(json.load(sys.stdin)["accessToken"])')
  [ "$WARMUP" -gt 0 ] && upload "$WARM" "$mode" >/dev/null
  gc_before=$(wc -l <"$DATA/gc.log")
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  result=$(upload "$FILE" "$mode")
  seconds=${result% *}
  status=${result#* }
  # peak heap: the largest "used before GC" of the collections during the timed upload
  peak=$(tail -n +$((gc_before + 1)) "$DATA/gc.log" | grep -o '[0-9]*M->' | tr -d 'M>-' | sort -n | tail -1)
  echo "run $run $mode: HTTP $status $(cat "$DATA/import.json"); $ROWS rows in $seconds s =" \
       "$(python3 -c "print(round($ROWS / $seconds))") rows/s; peak heap used ${peak:-?} MiB (GC log);" \
       "load before $load, after $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -o 'Search added .*' "$DATA/app.log" | tail -1 | sed 's/^/  /' || true
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  rm -rf "$DATA"; DATA=
done
done
