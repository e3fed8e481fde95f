#!/usr/bin/env bash
# The production topology on one machine, on loopback: nginx (load balancer + asset cache) in front of two app
# instances, a PostgreSQL primary with one streaming replica, and two Redis servers (shared state; the search view).
# Everything lives in one state dir. The apps run with the deployment's rights: PostgreSQL role proximity_app
# (rows only; Flyway migrates as proximity_owner, deploy/postgres/app-privileges.sql), Redis user proximity with
# a generated password and deploy/redis/proximity.acl (started by deploy/redis/start.sh, as in compose).
#
#   bench/cluster.sh up        start whatever is not running (first run: initdb, base backup, signing key);
#                              an instance running with other PROXIMITY_APP_ARGS is restarted with these
#   bench/cluster.sh down      stop everything (the data stays; "clean" removes it)
#   bench/cluster.sh status    what runs, with pids and ports
#   bench/cluster.sh start|stop|kill NAME   one component: nginx, app1, app2, primary, replica, redis,
#                                           redis-view
#                                           (kill = SIGKILL, for fault runs)
#   bench/cluster.sh check     on a running cluster: nginx refuses a 2 MiB POST outside the import (413), the app's
#                              database role cannot create or drop tables, Redis refuses clients without the password
#   bench/cluster.sh clean     down, then delete the state dir
#
# Build the jar first: mvn -B package -DskipTests. Needs java 17, nginx, redis-server, and the PostgreSQL
# server binaries (initdb, pg_ctl, pg_basebackup).
#
# Environment (all optional):
#   PROXIMITY_CLUSTER_DIR        state dir                       (default ${TMPDIR:-/tmp}/proximity-cluster)
#   PROXIMITY_CLUSTER_BASE_PORT  nginx port; app1/app2 +1/+2 (their actuator +3/+4, not routed by nginx),
#                                primary +10, replica +11, redis +20, redis-view +21 (default 18701)
#   PROXIMITY_JAR                the app jar                     (default target/proximity-*.jar)
#   PROXIMITY_APP_HEAP           -Xmx of each instance           (default 512m)
#   PROXIMITY_APP_THREADS, PROXIMITY_APP_POOL  request threads and primary pool size (default 32, 72)
#   PROXIMITY_APP_ARGS           extra arguments for both instances, e.g. --proximity.rate-limit.enabled=false
#   PROXIMITY_FORWARDED_PROTO    X-Forwarded-Proto nginx sends the apps (default $scheme; https behind TLS)
#   PG_BIN                       PostgreSQL server binaries      (default: pg_config --bindir, else the newest
#                                                                 /usr/lib/postgresql/*/bin, else $PATH)
#   PG_OS_USER                   user that runs PostgreSQL when this script runs as root (default postgres)
#   JAVA, NGINX, REDIS_SERVER    the binaries                    (default: from $PATH)
# PostgreSQL trusts connections from 127.0.0.1 (loopback only; nothing listens on other addresses); the roles still
# decide what each connection may do.
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
REDIS_VIEW_PORT=$((BASE + 21))
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
DB_USER=proximity         # the cluster's superuser: initdb, replication, this script's checks
APP_DB_USER=proximity_app # what the apps connect as; Flyway migrates as proximity_owner
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
    redis | redis-view) echo "$RUN/$1.pid" ;;
    *) die "unknown component '$1' (nginx, app1, app2, primary, replica, redis, redis-view)" ;;
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
  app_roles
}

app_roles() { # the deployment's two roles (no passwords: loopback trusts), then their rights; idempotent
  psql_primary -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'proximity_owner') THEN
    CREATE ROLE proximity_owner LOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'proximity_app') THEN
    CREATE ROLE proximity_app LOGIN;
  END IF;
END $$;
SQL
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$DB_USER" -d "$DB" \
    -f deploy/postgres/app-privileges.sql >/dev/null
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

redis_port() { if [ "$1" = redis ]; then echo "$REDIS_PORT"; else echo "$REDIS_VIEW_PORT"; fi; }

start_redis() { # redis|redis-view
  local name=$1 port i
  port=$(redis_port "$name")
  if pid_of "$RUN/$name.pid" >/dev/null; then return 0; fi
  log "start $name on $port"
  # Only shared, rebuildable state lives in Redis (sessions, rate limits, read-your-writes markers, the search
  # view): no persistence, and nothing evicted behind the app's back (docs/security.md). Started as in compose:
  # deploy/redis/start.sh (the default user off, the user proximity with the password and proximity.acl), with
  # the image's entrypoint replaced by a pass-through.
  PATH="$STATE/bin:$PATH" REDIS_PASSWORD=$(cat "$STATE/redis-password") \
  PROXIMITY_REDIS_CONF="$STATE/redis/$name.conf" \
    deploy/redis/start.sh --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --pidfile "$RUN/$name.pid" --logfile "$LOGS/$name.log" --dir "$STATE/redis" \
    --maxmemory "$([ "$name" = redis ] && echo 256mb || echo 1gb)" --maxmemory-policy noeviction
  for i in $(seq 1 50); do pid_of "$RUN/$name.pid" >/dev/null && return 0; sleep 0.1; done
  die "$name did not start; see $LOGS/$name.log"
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
  SPRING_DATA_REDIS_PASSWORD=$(cat "$STATE/redis-password") \
  PROXIMITY_SEARCH_VIEW_REDIS_PASSWORD=$(cat "$STATE/redis-password") \
    setsid "$JAVA" -Xms"$APP_HEAP" -Xmx"$APP_HEAP" -XX:+ExitOnOutOfMemoryError -jar "$jar" \
    --server.port="$port" \
    --management.server.port="$(management_port "$name")" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PRIMARY_PORT/$DB" \
    --spring.datasource.username="$APP_DB_USER" \
    --spring.flyway.user=proximity_owner \
    --proximity.replicas[0].url="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/$DB" \
    --proximity.replicas[0].username="$APP_DB_USER" \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
    --spring.data.redis.username=proximity \
    --proximity.search.view-redis.url="redis://127.0.0.1:$REDIS_VIEW_PORT" \
    --proximity.search.view-redis.username=proximity \
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
      -e "s|\${PROXIMITY_FORWARDED_PROTO}|${PROXIMITY_FORWARDED_PROTO:-\$scheme}|" \
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
  if [ ! -s "$STATE/redis-password" ]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$STATE/redis-password")
  fi
  mkdir -p "$STATE/bin" # stands in for the redis image's entrypoint when deploy/redis/start.sh runs here
  printf '#!/bin/sh\nexec "$@"\n' >"$STATE/bin/docker-entrypoint.sh"
  chmod +x "$STATE/bin/docker-entrypoint.sh"
}

start_one() {
  case $1 in
    nginx) start_nginx ;;
    app1 | app2) start_app "$1" ;;
    primary) start_primary ;;
    replica) start_replica ;;
    redis | redis-view) start_redis "$1" ;;
    *) pid_file "$1" >/dev/null ;;
  esac
}

stop_one() {
  case $1 in
    nginx) stop_nginx ;;
    app1 | app2) stop_app "$1" ;;
    primary | replica) pg_stop "$1" fast ;;
    redis | redis-view)
      local pid
      pid=$(pid_of "$RUN/$1.pid") || return 0
      log "stop $1"; kill -TERM "$pid"; wait_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null || true ;;
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
  start_redis redis
  start_redis redis-view
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
  stop_one redis-view
}

status() {
  local c pid port
  for c in nginx app1 app2 primary replica redis redis-view; do
    case $c in
      nginx) port=$NGINX_PORT ;; app1) port=$APP1_PORT ;; app2) port=$APP2_PORT ;;
      primary) port=$PRIMARY_PORT ;; replica) port=$REPLICA_PORT ;; redis) port=$REDIS_PORT ;;
      redis-view) port=$REDIS_VIEW_PORT ;;
    esac
    if pid=$(pid_of "$(pid_file $c)"); then
      printf '%-10s up    pid %-8s 127.0.0.1:%s\n' "$c" "$pid" "$port"
    else
      printf '%-10s down                127.0.0.1:%s\n' "$c" "$port"
    fi
  done
  echo "state dir: $STATE   entry point: http://127.0.0.1:$NGINX_PORT"
}

check() { # the deployment's limits, against the running cluster
  local got failed=0 port
  got=$(head -c $((2 * 1024 * 1024)) /dev/zero | curl -s -o /dev/null -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data-binary @- "http://127.0.0.1:$NGINX_PORT/v1/businesses")
  if [ "$got" = 413 ]; then log "ok: nginx refuses a 2 MiB POST to /v1/businesses (413)"
  else log "FAILED: a 2 MiB POST to /v1/businesses through nginx answered $got, not 413"; failed=1; fi
  for statement in "CREATE TABLE planted (id int)" "DROP TABLE business" "TRUNCATE business_change" \
      "CREATE TEMPORARY TABLE planted (id int)"; do
    if psql -X -q -h 127.0.0.1 -p "$PRIMARY_PORT" -U "$APP_DB_USER" -d "$DB" -c "$statement" 2>/dev/null; then
      log "FAILED: the app's role ($APP_DB_USER) may: $statement"; failed=1
    else log "ok: the app's role may not: $statement"; fi
  done
  for name in redis redis-view; do
    port=$(redis_port "$name")
    case $(redis-cli -p "$port" ping 2>&1) in
      *NOAUTH*) log "ok: $name refuses clients without the password" ;;
      *) log "FAILED: $name answers without a password"; failed=1 ;;
    esac
  done
  return $failed
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  start) prepare; start_one "${2:?component}" ;;
  stop) stop_one "${2:?component}" ;;
  kill) kill_one "${2:?component}" ;;
  check) check ;;
  clean) down; rm -rf "$STATE" ;;
  *) sed -n '2,/^# PostgreSQL trusts/p' "$0"; exit 2 ;;
esac
