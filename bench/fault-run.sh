#!/usr/bin/env bash
# Load under faults on the loopback topology of bench/cluster.sh: 300 searches/s and 10 writes/s through nginx
# for 60 s while Redis, the replica and one app instance are killed and restarted; then an audit of the
# acknowledged writes against the primary. Usage:
#
#   mvn -B package -DskipTests && bench/fault-run.sh [seconds] [searches/s] [writes/s]
#
# Brings the cluster up (app instances restarted with rate limits off unless already so, so one load generator
# is not throttled), seeds 20,000 businesses on first use, runs the load (dev.proximity.bench.FaultLoad from the test
# classpath: every query once, 8 at a time, to fill the caches; WARMUP s at the full rate; then the measured
# run) and the faults below, dumps the bench owner's businesses and idempotency keys from the primary
# with psql, audits them, and leaves the cluster running (bench/cluster.sh down stops it). Results go to
# bench/results/fault-<time>/ (summary.txt, events.log, the load output, the dumps).
#
# Faults, in seconds from the start of the load (scaled to the run length):
#   10% SIGKILL redis and redis-view   20% start both
#   30% SIGKILL the replica    45% start the replica
#   60% SIGKILL app1           62% start app1 (ready again when its start-up finishes)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL=${1:-60}
SEARCH_RATE=${2:-300}
WRITE_RATE=${3:-10}
SEED_BUSINESSES=${SEED_BUSINESSES:-20000}
FAULTS=${FAULTS:-1}     # 0: the same load without faults (a baseline for this machine)
WARMUP=${WARMUP:-90}   # seconds of searches alone before the measured run: with 15 s the C2 compiler of
                       # both instances was still busy for most of the run (JIT, pools)
OUT=bench/results/fault-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
BASE_PORT=${PROXIMITY_CLUSTER_BASE_PORT:-18701}
LB=http://127.0.0.1:$BASE_PORT
CLUSTER=bench/cluster.sh
# Rate limits off for the load (one client address); X-Forwarded-For from nginx stays trusted (cluster.sh).
export PROXIMITY_APP_ARGS="${PROXIMITY_APP_ARGS:---proximity.rate-limit.enabled=false}"

event() { local at=; [ -n "${T0:-}" ] && at=" +$(( $(date +%s) - T0 ))s"; printf '%s%s %s\n' "$(date +%H:%M:%S.%3N)" "$at" "$*" | tee -a "$OUT/events.log"; }

CP_FILE=target/test-classpath.txt
if [ ! -s "$CP_FILE" ] || [ ! -d target/test-classes/dev/proximity/bench ]; then
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
fi
CP=target/test-classes:target/classes:$(cat "$CP_FILE")
load() { java -Xmx1g -cp "$CP" dev.proximity.bench.FaultLoad "$@"; }

event "cluster up; app instances with: $PROXIMITY_APP_ARGS"
$CLUSTER up >/dev/null
load setup "$LB" "$OUT" "$SEED_BUSINESSES" | tee "$OUT/setup.out"
if [ -f "$OUT/seeded" ]; then # each instance reads the businesses into memory at start-up
  event "seeded; restart the app instances so both search the seed businesses"
  $CLUSTER stop app1; $CLUSTER stop app2; $CLUSTER up >/dev/null
fi

at() { # percent of the run: sleep until then
  local wait_ms=$(( T0_MS + $1 * SECONDS_TOTAL * 10 - $(date +%s%3N) ))
  if [ "$wait_ms" -gt 0 ]; then sleep "$((wait_ms / 1000)).$(printf '%03d' $((wait_ms % 1000)))"; fi
}
faults() {
  at 10; event "fault: SIGKILL redis and redis-view"; $CLUSTER kill redis; $CLUSTER kill redis-view
  at 20; event "fault: start redis and redis-view";   $CLUSTER start redis; $CLUSTER start redis-view
  at 30; event "fault: SIGKILL replica"; $CLUSTER kill replica
  at 45; event "fault: start replica";   $CLUSTER start replica
  at 60; event "fault: SIGKILL app1";    $CLUSTER kill app1
  at 62; event "fault: start app1";      $CLUSTER start app1
  event "app1 ready again"
}

: >"$OUT/load.out"
load run "$LB" "$OUT" "$SECONDS_TOTAL" "$SEARCH_RATE" "$WRITE_RATE" "$WARMUP" >>"$OUT/load.out" 2>&1 &
LOAD_PID=$!
until grep -q "load started" "$OUT/load.out" 2>/dev/null; do
  kill -0 $LOAD_PID 2>/dev/null || { cat "$OUT/load.out"; exit 1; }
  sleep 0.05
done
T0_MS=$(date +%s%3N)
T0=$((T0_MS / 1000))
event "load started: $SEARCH_RATE searches/s + $WRITE_RATE writes/s for $SECONDS_TOTAL s through $LB"
if [ "$FAULTS" = 1 ]; then faults 2>>"$OUT/events.log" & else event "no faults (FAULTS=0)"; sleep 0 & fi
FAULTS_PID=$!
wait $LOAD_PID || event "load generator exited with $?"
event "load finished"
wait $FAULTS_PID || true

# The audit reads the primary directly, not through the app.
PSQL=(psql -X -q -h 127.0.0.1 -p $((BASE_PORT + 10)) -U proximity -d proximity -v ON_ERROR_STOP=1)
WRITER="(SELECT id FROM owner WHERE email = 'fault-writer@bench.proximity.example')"
"${PSQL[@]}" -c "\\copy (SELECT id, name, latitude, longitude FROM business WHERE owner_id = $WRITER) TO '$OUT/primary-businesses.csv' CSV"
"${PSQL[@]}" -c "\\copy (SELECT key, business_id, status FROM idempotency_key WHERE owner_id = $WRITER) TO '$OUT/primary-idempotency.csv' CSV"
AUDIT_RC=0
load audit "$OUT" >"$OUT/audit.txt" || AUDIT_RC=$?

{
  echo "fault run $(date -u +%Y-%m-%dT%H:%M:%SZ): FAULTS=$FAULTS bench/fault-run.sh $SECONDS_TOTAL $SEARCH_RATE $WRITE_RATE"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GB RAM; uptime:$(uptime)"
  echo
  cat "$OUT/events.log"
  echo
  grep -v -e "^load started" -e "^schedule done" "$OUT/load.out"
  echo
  cat "$OUT/audit.txt"
} >"$OUT/summary.txt"
cat "$OUT/summary.txt"
$CLUSTER status
exit $AUDIT_RC
