#!/usr/bin/env bash
# The production topology on one machine, on loopback: nginx (load balancer + asset cache) in front of two app
# instances, a PostgreSQL primary with one streaming replica, and Redis. Everything lives in one state dir.
#
#   bench/cluster.sh up        start whatever is not running (first run: initdb, base backup, signing key);
#                              an instance running with other PROXIMITY_APP_ARGS is restarted with these
#   bench/cluster.sh down      stop everything (the data stays; "clean" removes it)
#   bench/cluster.sh status    what runs, with pids and ports
#   bench/cluster.sh start|stop|kill NAME   one component: nginx, app1, app2, primary, replica, redis
#                                           (kill = SIGKILL, for fault runs)
#   bench/cluster.sh clean     down, then delete the state dir
#
# Build the jar first: mvn -B package -DskipTests. Needs java 17, nginx, redis-server, and the PostgreSQL
# server binaries (initdb, pg_ctl, pg_basebackup).
#
# Environment (all optional):
#   PROXIMITY_CLUSTER_DIR        state dir                       (default ${TMPDIR:-/tmp}/proximity-cluster)
#   PROXIMITY_CLUSTER_BASE_PORT  nginx port; app1/app2 +1/+2 (their actuator +3/+4, not routed by nginx),
#                                primary +10, replica +11, redis +20 (default 18701)
#   PROXIMITY_JAR                the app jar                     (default target/proximity-*.jar)
#   PROXIMITY_APP_HEAP           -Xmx of each instance           (default 512m)
#   PROXIMITY_APP_THREADS, PROXIMITY_APP_POOL  request threads and primary pool size (default 32, 72)
#   PROXIMITY_APP_ARGS           extra arguments for both instances, e.g. --proximity.rate-limit.enabled=false
#   PG_BIN                       PostgreSQL server binaries      (default: pg_config --bindir, else the newest
#                                                                 /usr/lib/postgresql/*/bin, else $PATH)
#   PG_OS_USER                   user that runs PostgreSQL when this script runs as root (default postgres)
#   JAVA, NGINX, REDIS_SERVER    the binaries                    (default: from $PATH)
# PostgreSQL trusts connections from 127.0.0.1 (loopback only; nothing listens on other addresses).
set -euo pipefail
cd "$(dirname "$0")/.."

STATE=${PROXIMITY_CLUSTER_DIR:-${TMPDIR:-/tmp}/proximity-cluster}
BASE=${PROXIMITY_CLUSTER_BASE_PORT:-18701}
NGINX_PORT=$BASE
APP1_PORT=$((BASE + 1))
APP2_PORT=$((BASE + 2))
APP1_MANAGEMENT_PORT=$((BASE + 3))
APP2_MANAGEMENT_PORT=$((BASE + 4))
PRIMARY_PORT=$((BASE + 10))
REPLICA_PORT=$((BASE + 11))
REDIS_PORT=$((BASE + 20))
JAVA=${JAVA:-java}
NGINX=${NGINX:-nginx}
REDIS_SERVER=${REDIS_SERVER:-redis-server}
APP_HEAP=${PROXIMITY_APP_HEAP:-512m}
# A write holds its primary connection while the search index reads the row it wrote on a second one, so a
# pool smaller than twice the request threads can run dry with every thread waiting (seen under load and
# faults: "Connection is not available"); keep the pool at least 2 x threads, and fixed (Hikari default
# minimum-idle = maximum): growing it under load is too slow to help.
APP_THREADS=${PROXIMITY_APP_THREADS:-32}
APP_POOL=${PROXIMITY_APP_POOL:-72}
DB=proximity
DB_USER=proximity
PG=$STATE/pg   # owned by the PostgreSQL user: clusters, their logs and sockets
RUN=$STATE/run
LOGS=$STATE/logs

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

pid_of() { # pid file -> pid, if that process is alive
  local f=$1 pid
  [ -f "$f" ] || return 1
  pid=$(head -1 "$f" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

pid_file() {
  case $1 in
    nginx) echo "$RUN/nginx.pid" ;;
    app1 | app2) echo "$RUN/$1.pid" ;;
    primary | replica) echo "$PG/$1/postmaster.pid" ;;
    redis) echo "$RUN/redis.pid" ;;
    *) die "unknown component '$1' (nginx, app1, app2, primary, replica, redis)" ;;
  esac
}

wait_gone() { # pid seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

# --- PostgreSQL ----------------------------------------------------------------------------------------------

find_pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local d
  if d=$(pg_config --bindir 2>/dev/null) && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  # Debian and Ubuntu keep the server binaries out of $PATH, one directory per major version.
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return; fi
  d=$(command -v initdb 2>/dev/null) && { dirname "$d"; return; }
  die "no PostgreSQL server binaries found; set PG_BIN to the directory holding initdb and pg_ctl"
}

as_pg() { # PostgreSQL refuses to run as root
  if [ "$(id -u)" -eq 0 ]; then runuser -u "${PG_OS_USER:-postgres}" -- "$@"; else "$@"; fi
}

pg_start() { # name port
  local name=$1 port=$2 bin i
  bin=$(find_pg_bin)
  for i in 1 2 3 4 5; do
    # After a SIGKILL the old backends may hold shared memory for a moment; retry instead of failing.
    if as_pg "$bin/pg_ctl" start -D "$PG/$name" -l "$PG/$name.log" -w -t 60 -s \
        -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories='$PG/sock'"; then
      return 0
    fi
    sleep 1
  done
  die "$name did not start; see $PG/$name.log"
}

init_primary() {
  local bin
  bin=$(find_pg_bin)
  log "initdb primary ($bin)"
  as_pg "$bin/initdb" -D "$PG/primary" -U "$DB_USER" --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOGS/initdb.log"
  cat >>"$PG/primary/postgresql.conf" <<EOF
# bench/cluster.sh: a primary with streaming replicas; a commit is durable before the app answers.
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
synchronous_commit = on
fsync = on
max_connections = 400
shared_buffers = 128MB
EOF
}

start_primary() {
  if pid_of "$(pid_file primary)" >/dev/null; then return 0; fi
  [ -f "$PG/primary/PG_VERSION" ] || init_primary
  log "start primary on $PRIMARY_PORT"
  pg_start primary "$PRIMARY_PORT"
  if ! psql_primary -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    psql_primary -qc "CREATE DATABASE $DB"
  fi
}

start_replica() {
  if pid_of "$(pid_file replica)" >/dev/null; then return 0; fi
  if [ ! -f "$PG/replica/PG_VERSION" ]; then
    pid_of "$(pid_file primary)" >/dev/null || die "the primary must run to make the replica"
    log "base backup for the replica (slot replica_1)"
    psql_primary -qc "SELECT pg_drop_replication_slot('replica_1') FROM pg_replication_slots WHERE slot_name = 'replica_1'" >/dev/null
    as_pg "$(find_pg_bin)/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$DB_USER" -D "$PG/replica" \
      -R -X stream -c fast -C -S replica_1 >"$LOGS/basebackup.log" 2>&1 || die "pg_basebackup failed; see $LOGS/basebackup.log"
  fi
  log "start replica on $REPLICA_PORT"
  pg_start replica "$REPLICA_PORT"
}

pg_stop() { # name mode
  pid_of "$(pid_file "$1")" >/dev/null || return 0
  log "stop $1"
  as_pg "$(find_pg_bin)/pg_ctl" stop -D "$PG/$1" -m "$2" -w -t 60 -s || true
}

psql_primary() { psql -X -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$DB_USER" -d postgres "$@"; }

# --- Redis ---------------------------------------------------------------------------------------------------

start_redis() {
  if pid_of "$RUN/redis.pid" >/dev/null; then return 0; fi
  log "start redis on $REDIS_PORT"
  # Only shared, rebuildable state lives in Redis (read-your-writes markers, rate limits, caches): no persistence.
  "$REDIS_SERVER" --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize yes \
    --pidfile "$RUN/redis.pid" --logfile "$LOGS/redis.log" --dir "$STATE/redis" \
    --maxmemory 256mb --maxmemory-policy allkeys-lru
  local i
  for i in $(seq 1 50); do pid_of "$RUN/redis.pid" >/dev/null && return 0; sleep 0.1; done
  die "redis did not start; see $LOGS/redis.log"
}

# --- app instances -------------------------------------------------------------------------------------------

app_port() { if [ "$1" = app1 ]; then echo "$APP1_PORT"; else echo "$APP2_PORT"; fi; }
# The actuator (readiness, Prometheus) listens here, on loopback like everything else; nginx does not route it.
management_port() { if [ "$1" = app1 ]; then echo "$APP1_MANAGEMENT_PORT"; else echo "$APP2_MANAGEMENT_PORT"; fi; }

start_app() { # app1|app2 [nowait]
  local name=$1 port node jar
  port=$(app_port "$name")
  node=${name#app}
  if pid_of "$RUN/$name.pid" >/dev/null; then
    # Running with other PROXIMITY_APP_ARGS (e.g. the fault run's): restart it with these.
    [ "$(cat "$RUN/$name.args" 2>/dev/null)" = "${PROXIMITY_APP_ARGS:-}" ] && return 0
    stop_app "$name"
  fi
  jar=${PROXIMITY_JAR:-$(ls target/proximity-*.jar 2>/dev/null | head -1)}
  [ -f "$jar" ] || die "no app jar; build it with: mvn -B package -DskipTests (or set PROXIMITY_JAR)"
  log "start $name on $port"
  # Secrets go through the environment, not the command line (visible in ps).
  # shellcheck disable=SC2086 # PROXIMITY_APP_ARGS is a list of arguments
  PROXIMITY_SECURITY_TOKEN_SIGNING_KEY=$(cat "$STATE/signing-key") \
  SPRING_DATASOURCE_PASSWORD=$DB_USER \
    setsid "$JAVA" -Xms"$APP_HEAP" -Xmx"$APP_HEAP" -XX:+ExitOnOutOfMemoryError -jar "$jar" \
    --server.port="$port" \
    --management.server.port="$(management_port "$name")" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/$DB" \
    --spring.datasource.username="$DB_USER" \
    --proximity.replicas[0].url="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/$DB" \
    --proximity.replicas[0].username="$DB_USER" \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
    --proximity.id.node="$node" \
    --proximity.trusted-proxies=127.0.0.1/32 \
    --server.tomcat.threads.max="$APP_THREADS" \
    --spring.datasource.hikari.maximum-pool-size="$APP_POOL" \
    ${PROXIMITY_APP_ARGS:-} \
    </dev/null >>"$LOGS/$name.log" 2>&1 &
  echo $! >"$RUN/$name.pid"
  printf '%s' "${PROXIMITY_APP_ARGS:-}" >"$RUN/$name.args"
  [ "${2:-}" = nowait ] || wait_ready "$name"
}

wait_ready() {
  local name=$1 port i
  port=$(management_port "$name")
  for i in $(seq 1 180); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" && { log "$name ready"; return 0; }
    pid_of "$RUN/$name.pid" >/dev/null || { tail -30 "$LOGS/$name.log" >&2; die "$name exited; see $LOGS/$name.log"; }
    sleep 1
  done
  die "$name not ready after 180 s; see $LOGS/$name.log"
}

stop_app() {
  local pid
  pid=$(pid_of "$RUN/$1.pid") || return 0
  log "stop $1 (graceful)"
  kill -TERM "$pid"
  wait_gone "$pid" 40 || { log "$1 still running, SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; wait_gone "$pid" 5 || true; }
}

# --- nginx ---------------------------------------------------------------------------------------------------

render_nginx() {
  local worker_user=
  mkdir -p "$STATE/nginx/cache" "$STATE/nginx/tmp"
  if [ "$(id -u)" -eq 0 ]; then # workers drop root; they write the cache and temp files
    worker_user="user nobody $(id -gn nobody);"
    chown -R nobody "$STATE/nginx/cache" "$STATE/nginx/tmp"
  fi
  sed -e "s|\${PROXIMITY_LISTEN}|127.0.0.1:$NGINX_PORT|" \
      -e "s|\${PROXIMITY_APP_1}|127.0.0.1:$APP1_PORT|" \
      -e "s|\${PROXIMITY_APP_2}|127.0.0.1:$APP2_PORT|" \
      -e "s|\${PROXIMITY_CACHE_DIR}|$STATE/nginx/cache|" \
      -e "s|\${PROXIMITY_ACCESS_LOG}|$LOGS/nginx-access.log|" \
      -e "s|\${PROXIMITY_ERROR_LOG}|$LOGS/nginx-error.log|" \
      deploy/nginx/proximity.conf.template >"$STATE/nginx/proximity.conf"
  cat >"$STATE/nginx/nginx.conf" <<EOF
# Rendered by bench/cluster.sh; the shared part is deploy/nginx/proximity.conf.template.
$worker_user
worker_processes 1;
pid $RUN/nginx.pid;
error_log $LOGS/nginx-error.log warn;
events { worker_connections 4096; }
http {
    default_type application/octet-stream;
    client_body_temp_path $STATE/nginx/tmp/body;
    proxy_temp_path $STATE/nginx/tmp/proxy;
    fastcgi_temp_path $STATE/nginx/tmp/fastcgi;
    uwsgi_temp_path $STATE/nginx/tmp/uwsgi;
    scgi_temp_path $STATE/nginx/tmp/scgi;
    include $STATE/nginx/proximity.conf;
}
EOF
  "$NGINX" -t -q -e "$LOGS/nginx-error.log" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" \
    || die "nginx rejected $STATE/nginx/nginx.conf"
}

start_nginx() {
  if pid_of "$RUN/nginx.pid" >/dev/null; then return 0; fi
  render_nginx
  log "start nginx on $NGINX_PORT"
  "$NGINX" -e "$LOGS/nginx-error.log" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf"
}

stop_nginx() {
  local pid
  pid=$(pid_of "$RUN/nginx.pid") || return 0
  log "stop nginx"
  kill -QUIT "$pid"
  wait_gone "$pid" 20 || kill -KILL "$pid" 2>/dev/null || true
}

# --- commands ------------------------------------------------------------------------------------------------

prepare() {
  mkdir -p "$STATE" "$RUN" "$LOGS" "$STATE/redis" "$PG/sock"
  if [ "$(id -u)" -eq 0 ]; then chown "${PG_OS_USER:-postgres}" "$PG" "$PG/sock"; fi
  chmod 700 "$PG"
  if [ ! -s "$STATE/signing-key" ]; then # the same HMAC key on every instance
    (umask 077 && head -c 32 /dev/urandom | base64 >"$STATE/signing-key")
  fi
}

start_one() {
  case $1 in
    nginx) start_nginx ;;
    app1 | app2) start_app "$1" ;;
    primary) start_primary ;;
    replica) start_replica ;;
    redis) start_redis ;;
    *) pid_file "$1" >/dev/null ;;
  esac
}

stop_one() {
  case $1 in
    nginx) stop_nginx ;;
    app1 | app2) stop_app "$1" ;;
    primary | replica) pg_stop "$1" fast ;;
    redis)
      local pid
      pid=$(pid_of "$RUN/redis.pid") || return 0
      log "stop redis"; kill -TERM "$pid"; wait_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true ;;
    *) pid_file "$1" >/dev/null ;;
  esac
}

kill_one() {
  local pid
  pid=$(pid_of "$(pid_file "$1")") || { log "$1 is not running"; return 0; }
  log "SIGKILL $1 (pid $pid)"
  kill -KILL "$pid"
  wait_gone "$pid" 10 || true
}

up() {
  prepare
  start_redis
  start_primary
  start_replica
  start_app app1 nowait
  start_app app2 nowait
  wait_ready app1
  wait_ready app2
  start_nginx
  status
}

down() {
  [ -d "$STATE" ] || return 0
  stop_nginx
  stop_app app1
  stop_app app2
  pg_stop replica fast
  pg_stop primary fast
  stop_one redis
}

status() {
  local c pid port
  for c in nginx app1 app2 primary replica redis; do
    case $c in
      nginx) port=$NGINX_PORT ;; app1) port=$APP1_PORT ;; app2) port=$APP2_PORT ;;
      primary) port=$PRIMARY_PORT ;; replica) port=$REPLICA_PORT ;; redis) port=$REDIS_PORT ;;
    esac
    if pid=$(pid_of "$(pid_file $c)"); then
      printf '%-8s up    pid %-8s 127.0.0.1:%s\n' "$c" "$pid" "$port"
    else
      printf '%-8s down                127.0.0.1:%s\n' "$c" "$port"
    fi
  done
  echo "state dir: $STATE   entry point: http://127.0.0.1:$NGINX_PORT"
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  start) prepare; start_one "${2:?component}" ;;
  stop) stop_one "${2:?component}" ;;
  kill) kill_one "${2:?component}" ;;
  clean) down; rm -rf "$STATE" ;;
  *) sed -n '2,/^# PostgreSQL trusts/p' "$0"; exit 2 ;;
esac
