#!/usr/bin/env bash
# Offline checks of the deployment files, for machines without a Docker engine:
#   - bash -n on every script here and in bench/ (sh -n on deploy/redis/start.sh)
#   - nginx -t on the nginx template rendered as the nginx image renders it for docker-compose.yml (the app
#     host names swapped for closed loopback ports, since app1/app2 only resolve inside the compose network)
#   - that nginx, started on that configuration with no app behind it, refuses a 2 MiB anonymous POST to any
#     path but the import with its own 413 (problem+json), Content-Length or chunked, and passes one to the
#     import on (a 502 here, as no app listens)
#   - docker-compose.yml parsed as YAML (python3 with PyYAML), merge keys resolved: every service has a health
#     check and a stop grace period (the apps' longer than their drain), both Redis servers never evict, no
#     password or key has a default, every required variable is in .env.example; images not pinned by digest
#     are listed
#   - deploy/redis/start.sh run on the local redis-server, if there is one: NOAUTH without the password, the app's
#     user confined to px:* and refused CONFIG
#   - docker compose config, if the compose plugin is installed
# Usage: deploy/check.sh      (needs nginx; exits non-zero on the first failure)
set -euo pipefail
cd "$(dirname "$0")/.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for f in deploy/*.sh deploy/postgres/*.sh bench/*.sh; do bash -n "$f"; done
for f in deploy/redis/*.sh; do sh -n "$f"; done
echo "bash -n: ok"

NGINX_PORT=${CHECK_NGINX_PORT:-18799}
mkdir -p "$TMP/cache" "$TMP/tmp"
# Port 1 on loopback: nothing listens there, so whatever nginx passes on ends in a quick 502.
sed -e "s|\${PROXIMITY_LISTEN}|127.0.0.1:$NGINX_PORT|" \
    -e 's|${PROXIMITY_APP_1}|127.0.0.1:1|' -e 's|${PROXIMITY_APP_2}|127.0.0.1:1|' \
    -e "s|\${PROXIMITY_CACHE_DIR}|$TMP/cache|" \
    -e 's|${PROXIMITY_FORWARDED_PROTO}|$scheme|' \
    -e "s|\${PROXIMITY_ACCESS_LOG}|$TMP/access.log|" -e 's|${PROXIMITY_ERROR_LOG}|/dev/stderr|' \
    deploy/nginx/proximity.conf.template >"$TMP/proximity.conf"
if grep -n '\${PROXIMITY_' "$TMP/proximity.conf"; then echo "unrendered variables left"; exit 1; fi
worker_user=
if [ "$(id -u)" -eq 0 ]; then # workers drop root; they read the config and write temp files here
  worker_user="user nobody $(id -gn nobody);"
  chmod 755 "$TMP"
  chown -R nobody "$TMP/cache" "$TMP/tmp"
fi
cat >"$TMP/nginx.conf" <<CONF
$worker_user
pid $TMP/nginx.pid;
events {}
http {
    client_body_temp_path $TMP/tmp; proxy_temp_path $TMP/tmp; fastcgi_temp_path $TMP/tmp;
    uwsgi_temp_path $TMP/tmp; scgi_temp_path $TMP/tmp;
    include $TMP/proximity.conf;
}
CONF
nginx -t -q -e "$TMP/error.log" -p "$TMP" -c "$TMP/nginx.conf"
echo "nginx -t (template as rendered for docker-compose.yml): ok"

# The body limits, for real: nginx on that configuration, a 2 MiB anonymous POST per path.
nginx -e "$TMP/error.log" -p "$TMP" -c "$TMP/nginx.conf"
trap 'kill -QUIT "$(cat "$TMP/nginx.pid" 2>/dev/null)" 2>/dev/null; sleep 0.2; rm -rf "$TMP"' EXIT
for i in $(seq 1 50); do [ -s "$TMP/nginx.pid" ] && break; sleep 0.1; done
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$TMP/2mib"
post() { # path [curl options] -> "status content-type"
  local path=$1; shift
  curl -s -o /dev/null -w '%{http_code} %{content_type}' -X POST -H 'Content-Type: application/json' \
    --data-binary @"$TMP/2mib" "$@" "http://127.0.0.1:$NGINX_PORT$path"
}
for path in /v1/businesses /v1/owners /v1/auth/token /signin /owner/businesses/new /v1/search/nearby /; do
  for mode in length chunked; do
    if [ $mode = chunked ]; then got=$(post "$path" -H 'Transfer-Encoding: chunked'); else got=$(post "$path"); fi
    case $got in
      "413 application/problem+json"*) ;;
      *) echo "2 MiB POST to $path ($mode): expected nginx's 413 problem+json, got: $got"; exit 1 ;;
    esac
  done
done
for path in /v1/businesses/import /owner/businesses/import; do
  got=$(post $path -H 'Content-Type: text/csv')
  [ "${got%% *}" = 502 ] || { echo "2 MiB POST to $path: expected it passed on (502, no app), got: $got"; exit 1; }
done
echo "nginx body limits: 2 MiB refused with 413 on every path but the two imports, which pass it on: ok"
got=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/nginx-health")
[ "$got" = 204 ] || { echo "/nginx-health: expected 204, got $got"; exit 1; }
# and the compose file's health check of nginx, as written there
health=$(python3 -c 'import yaml; print(yaml.safe_load(open("docker-compose.yml"))["services"]["nginx"]["healthcheck"]["test"][3])')
bash -c "${health//127.0.0.1\/8080/127.0.0.1/$NGINX_PORT}" || { echo "nginx's compose health check fails"; exit 1; }
echo "nginx health location and its compose health check: ok"

# deploy/redis/start.sh as the compose file runs it (the image's entrypoint stubbed), on the local redis-server.
if command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
  REDIS_PORT=${CHECK_REDIS_PORT:-18797}
  mkdir -p "$TMP/bin"
  printf '#!/bin/sh\nexec "$@"\n' >"$TMP/bin/docker-entrypoint.sh" && chmod +x "$TMP/bin/docker-entrypoint.sh"
  PATH="$TMP/bin:$PATH" REDIS_PASSWORD=check-password PROXIMITY_REDIS_CONF="$TMP/redis.conf" \
    deploy/redis/start.sh --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
    --maxmemory-policy noeviction --dir "$TMP" >"$TMP/redis.log" 2>&1 &
  redis_pid=$!
  trap 'kill "$redis_pid" 2>/dev/null; kill -QUIT "$(cat "$TMP/nginx.pid" 2>/dev/null)" 2>/dev/null; sleep 0.2; rm -rf "$TMP"' EXIT
  as_app() { redis-cli -p "$REDIS_PORT" --no-auth-warning --user proximity --pass check-password "$@" 2>&1; }
  for i in $(seq 1 50); do [ "$(as_app ping)" = PONG ] && break; sleep 0.1; done
  [ "$(as_app ping)" = PONG ] || { cat "$TMP/redis.log"; echo "redis: the app's user cannot connect"; exit 1; }
  case $(redis-cli -p "$REDIS_PORT" ping 2>&1) in *NOAUTH*) ;; *) echo "redis: answers without a password"; exit 1 ;; esac
  case $(as_app config get dir) in *NOPERM*) ;; *) echo "redis: the app's user may run CONFIG"; exit 1 ;; esac
  case $(as_app set elsewhere 1) in *NOPERM*) ;; *) echo "redis: the app's user may write outside px:*"; exit 1 ;; esac
  [ "$(as_app set px:check 1)" = OK ] || { echo "redis: the app's user cannot write px:*"; exit 1; }
  echo "deploy/redis/start.sh: no access without the password, the app's user limited to px:* and no CONFIG: ok"
else
  echo "deploy/redis/start.sh: not run (no redis-server here)"
fi

python3 - <<'PY'
import re
import yaml

def seconds(value):
    match = re.fullmatch(r"(\d+)(ms|s|m)?", str(value).strip())
    assert match, value
    return int(match.group(1)) * {"ms": 0.001, "s": 1, "m": 60, None: 1}[match.group(2)]

text = open("docker-compose.yml").read()
doc = yaml.safe_load(text)
services = doc["services"]
for name in ("postgres-primary", "postgres-replica-1", "postgres-replica-2", "redis", "redis-view", "app1", "app2",
             "nginx"):
    assert name in services, name
for name, service in services.items():
    assert "healthcheck" in service, name + ": no health check"
    assert "stop_grace_period" in service, name + ": no stop_grace_period (Docker's 10 s default)"
drain = [line.strip().split("=", 1)[1] for line in open("src/main/resources/application.properties")
         if line.startswith("spring.lifecycle.timeout-per-shutdown-phase=")][0]
for app in ("app1", "app2"):
    env = services[app]["environment"]
    assert env["SPRING_DATASOURCE_URL"].endswith("postgres-primary:5432/proximity"), env
    assert "PROXIMITY_REPLICAS_1_URL" in env and "PROXIMITY_ID_NODE" in env
    assert env["SPRING_DATASOURCE_USERNAME"] == env["PROXIMITY_REPLICAS_0_USERNAME"] == "proximity_app", env
    assert env["SPRING_FLYWAY_USER"] == "proximity_owner", env
    assert env["PROXIMITY_SEARCH_VIEW_REDIS_URL"].startswith("redis://redis-view:"), env
    assert seconds(services[app]["stop_grace_period"]) > seconds(drain) + 10, "grace period shorter than the drain"
assert services["app1"]["environment"]["PROXIMITY_ID_NODE"] != services["app2"]["environment"]["PROXIMITY_ID_NODE"]
assert services["postgres-replica-2"]["environment"]["REPLICA_SLOT"] == "replica_2"
for name in ("redis", "redis-view"):
    command = services[name]["command"]
    assert command[command.index("--maxmemory-policy") + 1] == "noeviction", name
# No secret falls back to a default, and every required variable is listed in .env.example.
for match in re.finditer(r"\$\{([A-Z0-9_]+)(:?[-?+])?", text):
    if re.search("PASSWORD|KEY", match.group(1)):
        assert match.group(2) in (None, ":?"), "a default for " + match.group(1)
required = {m.group(1) for m in re.finditer(r"\$\{([A-Z0-9_]+):\?", text)}
listed = {line.split("=", 1)[0].lstrip("#").strip() for line in open(".env.example") if "=" in line}
assert required <= listed, "missing in .env.example: " + ", ".join(sorted(required - listed))
print("docker-compose.yml: YAML ok, services:", ", ".join(services))
print("  health checks and grace periods on every service; no secret with a default; .env.example complete")
images = sorted({s["image"] for s in services.values() if "image" in s}
                | set(re.findall(r"^FROM\s+(\S+)", open("Dockerfile").read(), re.M)))
loose = [image for image in images if "@sha256:" not in image and not image.startswith("proximity:")]
if loose:
    print("  not pinned by digest (docs/security.md, \"Image pinning\"):", ", ".join(loose))
PY

if docker compose version >/dev/null 2>&1; then
  env $(sed -n 's/^#\{0,1\}\([A-Z_0-9]*\)=.*/\1=check/p' .env.example) docker compose config -q \
    && echo "docker compose config: ok"
else
  echo "docker compose config: not run (no compose plugin here)"
fi
