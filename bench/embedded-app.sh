# Sourced by load-bench.sh, shapes-bench.sh and scale-bench.sh: the app under test on its embedded servers, and
# the benchmark businesses imported into it. Uses the caller's log(), APP_JAVA_OPTS, JAR, APP_PORT,
# APP_MANAGEMENT_PORT, PG_PORT, APP_REDIS_PORT, WORK (import.csv, app-data/), OUT (app.log) and APP_START_TIMEOUT
# (seconds, default 600).

# Starts the jar in embedded mode (rate limiting and demo data off) and waits for its readiness; sets APP_PID,
# B (its HTTP base URL) and OPS (its actuator's base URL, the management port).
start_embedded_app() {
  log "starting the app on port $APP_PORT ($APP_JAVA_OPTS)"
  # shellcheck disable=SC2086
  java $APP_JAVA_OPTS -jar "$JAR" --server.port="$APP_PORT" --management.server.port="$APP_MANAGEMENT_PORT" \
    --proximity.embedded.data-dir="$WORK/app-data" --proximity.embedded.postgres-port="$PG_PORT" --proximity.embedded.redis-port="$APP_REDIS_PORT" \
    --proximity.demo.enabled=false --proximity.rate-limit.enabled=false > "$OUT/app.log" 2>&1 &
  APP_PID=$!
  B=http://127.0.0.1:$APP_PORT
  OPS=http://127.0.0.1:$APP_MANAGEMENT_PORT # the actuator's own port
  # a start takes seconds on a quiet machine and minutes on a loaded one: APP_START_TIMEOUT (default 600 s)
  local deadline=$((SECONDS + ${APP_START_TIMEOUT:-600}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    curl -sf "$OPS/actuator/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { log "the app exited; see $OUT/app.log"; tail -20 "$OUT/app.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf "$OPS/actuator/health/readiness" >/dev/null \
    || { log "the app did not become ready in ${APP_START_TIMEOUT:-600} s; see $OUT/app.log"; exit 1; }
}

# import_as_owner EMAIL NAME: registers that owner, signs in and imports $WORK/import.csv in one request; sets
# TOKEN, IMPORTED (the answer and its status) and IMPORT_SECONDS. Stops the script when the import fails.
import_as_owner() {
  curl -sf -X POST "$B/v1/owners" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"a long passphrase\",\"name\":\"$2\"}" >/dev/null
  TOKEN=$(curl -sf -X POST "$B/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"a long passphrase\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
  log "importing $ROWS businesses (POST /v1/businesses/import, $(du -h "$WORK/import.csv" | cut -f1) CSV)"
  local t0 t1
  t0=$(date +%s.%N)
  IMPORTED=$(curl -s -X POST "$B/v1/businesses/import" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
    --data-binary @"$WORK/import.csv" -w ' %{http_code}')
  t1=$(date +%s.%N)
  case "$IMPORTED" in
    *'"imported":'*' 200') ;;
    *) log "import failed: $(echo "$IMPORTED" | head -c 2000)"; exit 1 ;;
  esac
  IMPORT_SECONDS=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  log "imported: ${IMPORTED% *} in ${IMPORT_SECONDS} s"
}
