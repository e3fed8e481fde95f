#!/usr/bin/env bash
# Offline checks of the deployment files, for machines without a Docker engine:
#   - bash -n on every script here and in bench/
#   - nginx -t on the nginx template rendered as the nginx image renders it for docker-compose.yml (the app
#     host names swapped for closed loopback ports, since app1/app2 only resolve inside the compose network)
#   - that nginx, started on that configuration with no app behind it, refuses a 2 MiB anonymous POST to any
#     path but the import with its own 413 (problem+json), Content-Length or chunked, and passes one to the
#     import on (a 502 here, as no app listens)
#   - docker-compose.yml parsed as YAML (python3 with PyYAML), merge keys resolved, services listed
#   - docker compose config, if the compose plugin is installed
# Usage: deploy/check.sh      (needs nginx; exits non-zero on the first failure)
set -euo pipefail
cd "$(dirname "$0")/.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for f in deploy/*.sh deploy/postgres/*.sh bench/*.sh; do bash -n "$f"; done
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
got=$(post /v1/businesses/import -H 'Content-Type: text/csv')
[ "${got%% *}" = 502 ] || { echo "2 MiB POST to the import: expected it passed on (502, no app), got: $got"; exit 1; }
echo "nginx body limits: 2 MiB refused with 413 on every path but the import, which passes it on: ok"

python3 - <<'PY'
import yaml
doc = yaml.safe_load(open("docker-compose.yml"))
services = doc["services"]
for name in ("postgres-primary", "postgres-replica-1", "postgres-replica-2", "redis", "app1", "app2", "nginx"):
    assert name in services, name
for app in ("app1", "app2"):
    env = services[app]["environment"]
    assert env["SPRING_DATASOURCE_URL"].endswith("postgres-primary:5432/proximity"), env
    assert "PROXIMITY_REPLICAS_1_URL" in env and "PROXIMITY_ID_NODE" in env
assert services["app1"]["environment"]["PROXIMITY_ID_NODE"] != services["app2"]["environment"]["PROXIMITY_ID_NODE"]
assert services["postgres-replica-2"]["environment"]["REPLICA_SLOT"] == "replica_2"
print("docker-compose.yml: YAML ok, services:", ", ".join(services))
PY

if docker compose version >/dev/null 2>&1; then
  PROXIMITY_SECURITY_TOKEN_SIGNING_KEY=check docker compose config -q && echo "docker compose config: ok"
else
  echo "docker compose config: not run (no compose plugin here)"
fi
