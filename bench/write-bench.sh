#!/usr/bin/env bash
# Write throughput of the built jar (embedded mode, rate limits off): WriteLoad drives creates, moves and deletes
# at each connection count, and reports acknowledged writes per second and their latency. Every write is one
# change log entry, whose commit waits for the one before it (docs/search.md, "Freshness"), so this is the figure that
# would show that cost. Usage (after `mvn -B package -DskipTests`):
#   bench/write-bench.sh [--connections "1 8 32"] [--duration 30] [--warmup 5] [--port 18401]
# Environment: JAR (default target/proximity-*.jar), APP_JAVA_OPTS (default "-Xms1g -Xmx1g").
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS="1 8 32" DURATION=30 WARMUP=5 PORT=18401
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) CONNECTIONS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --port) PORT=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
JAR=${JAR:-$(ls target/proximity-*.jar | grep -v '\.original$' | head -1)}
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms1g -Xmx1g}
CLASSPATH_FILE=target/test-classpath.txt
[ -s "$CLASSPATH_FILE" ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/proximity-write-bench.XXXXXX")
APP_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill -TERM "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB; $(date -u); jar $JAR"
# shellcheck disable=SC2086
java $APP_JAVA_OPTS -jar "$JAR" --server.port="$PORT" --management.server.port="$((PORT + 1))" \
  --proximity.embedded.data-dir="$WORK/app-data" \
  --proximity.demo.enabled=false --proximity.rate-limit.enabled=false > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$((PORT + 1))/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 0.5
done
for connections in $CONNECTIONS; do
  java -Xmx512m -cp "$CP" dev.proximity.bench.WriteLoad --port "$PORT" --connections "$connections" \
    --duration "$DURATION" --warmup "$WARMUP" | sed "s/^RESULT/RESULT connections=$connections/"
done
