# Sourced by load-bench.sh, shapes-bench.sh and scale-bench.sh: the app under test on its embedded servers, and
# the benchmark businesses imported into it. Uses the caller's log(), APP_JAVA_OPTS, JAR, APP_PORT,
# APP_MANAGEMENT_PORT, PG_PORT, APP_REDIS_PORT, WORK (import.csv, app-data/), OUT (app.log), APP_START_TIMEOUT
# (seconds, default 600) and APP_ARGS (more arguments for the app).

# Starts the jar in embedded mode (rate limiting and demo data off) and waits for its readiness; sets APP_PID,
# B (its HTTP base URL) and OPS (its actuator's base URL, the management port).
start_embedded_app() {
  log "starting the app on port $APP_PORT ($APP_JAVA_OPTS)"
  # shellcheck disable=SC2086
  java $APP_JAVA_OPTS -jar "$JAR" --server.port="$APP_PORT" --management.server.port="$APP_MANAGEMENT_PORT" \
    --proximity.embedded.data-dir="$WORK/app-data" --proximity.embedded.postgres-port="$PG_PORT" --proximity.embedded.redis-port="$APP_REDIS_PORT" \
    --proximity.demo.enabled=false --proximity.rate-limit.enabled=false ${APP_ARGS:-} > "$OUT/app.log" 2>&1 &
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

# start_view_cluster BASE_PORT: a Redis Cluster of six redis-server on loopback (ports BASE_PORT..+5 and their bus
# ports +10000; three primaries, a replica each), its data under $WORK, for the search view; sets VIEW_CLUSTER_NODES
# (host:port,...) and VIEW_CLUSTER_PIDS (for the caller's exit trap). Needs Debian's redis-server and redis-cli on the PATH.
start_view_cluster() {
  local port nodes=()
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null \
    || { log "redis-server and redis-cli are needed for a view cluster (Debian: redis-server, redis-tools)"; exit 1; }
  for port in $(seq "$1" $(($1 + 5))); do
    mkdir -p "$WORK/view-cluster/$port"
    redis-server --port "$port" --bind 127.0.0.1 --dir "$WORK/view-cluster/$port" --save "" --appendonly no \
      --cluster-enabled yes --cluster-config-file nodes.conf --maxmemory-policy noeviction --daemonize no \
      > "$WORK/view-cluster/$port/redis.log" 2>&1 &
    VIEW_CLUSTER_PIDS="${VIEW_CLUSTER_PIDS:-} $!" # redis-server renames its process: remove_work cannot find it
    nodes+=("127.0.0.1:$port")
  done
  for port in $(seq "$1" $(($1 + 5))); do
    for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  done
  redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes >"$WORK/view-cluster/create.log" 2>&1 \
    || { log "redis-cli --cluster create failed; see $WORK/view-cluster/create.log"; exit 1; }
  for port in $(seq "$1" $(($1 + 5))); do
    for _ in $(seq 1 300); do
      redis-cli -p "$port" cluster info 2>/dev/null | grep -q 'cluster_state:ok' && break
      sleep 0.1
    done
  done
  VIEW_CLUSTER_NODES=$(IFS=,; echo "${nodes[*]}")
  log "view cluster: $VIEW_CLUSTER_NODES (redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'))"
}

