# Sourced by the benchmark scripts: logging, child processes a Ctrl-C can stop, the test classpath, and readings
# of a running app (Prometheus metrics, CPU seconds, heap after a full GC). Uses the caller's OUT (run.log),
# MVN and ROOT; sets CP and CHILD_PID.

# TERM, up to 30 s, then KILL (nothing when the pid is empty or gone).
stop_pid() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$1" 2>/dev/null || true
}
# For the callers' exit traps: stops whatever still runs from $WORK (embedded servers of a killed app), then removes
# $WORK unless KEEP=1.
remove_work() {
  local left
  left=$(ps -eo pid=,args= | grep -F "$WORK" | grep -v grep | awk '{print $1}' || true)
  [ -n "$left" ] && kill -KILL $left 2>/dev/null || true
  if [ "$KEEP" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$OUT/run.log" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# Runs a command in the background and waits, so that a signal reaches the caller's trap at once and the trap can
# stop it. (Never call it inside $(...): the trap could not see the pid there.)
CHILD_PID=
run() { local rc=0; "$@" & CHILD_PID=$!; wait "$CHILD_PID" || rc=$?; CHILD_PID=; return $rc; }

# The benchmark classes (test sources) and their classpath, resolved once per pom.xml.
CLASSPATH_FILE=target/test-classpath.txt
if [ ! -s "$CLASSPATH_FILE" ] || [ pom.xml -nt "$CLASSPATH_FILE" ]; then
  log "resolving the test classpath ($MVN dependency:build-classpath)"
  $MVN dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test >/dev/null
fi
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$CLASSPATH_FILE")"
bench_java() { run java -Xms512m -Xmx512m -cp "$CP" "$@"; }

# The value of KEY in a "KEY=value KEY=value" line (the load generator's RESULT lines).
field_of() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# The value of a Prometheus metric line of the app whose actuator is at $OPS (empty when it has none).
metric() {
  { curl -sf "$OPS/actuator/prometheus" || true; } | awk -v m="$1" '$1 == m && !done { print $2; done = 1 }'
}
# CPU seconds (user + system) a process has used so far; the server's CPU per request is the least noisy figure
# on a shared machine (throughput moves with whatever else runs; the work per request does not, much).
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
# Bytes of heap a JVM uses right after a full GC (jcmd GC.run, then GC.heap_info's "used").
heap_after_gc() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/ heap .*used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); print v * 1024; exit } }'
}
