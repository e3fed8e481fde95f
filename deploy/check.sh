#!/usr/bin/env bash
# Offline checks of the deployment files, for machines without a Docker engine:
#   - bash -n on every script here and in bench/
#   - nginx -t on the nginx template rendered as the nginx image renders it for docker-compose.yml (the app
#     host names swapped for 127.0.0.1, since app1/app2 only resolve inside the compose network)
#   - docker-compose.yml parsed as YAML (python3 with PyYAML), merge keys resolved, services listed
#   - docker compose config, if the compose plugin is installed
# Usage: deploy/check.sh      (needs nginx; exits non-zero on the first failure)
set -euo pipefail
cd "$(dirname "$0")/.."
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for f in deploy/*.sh deploy/postgres/*.sh bench/*.sh; do bash -n "$f"; done
echo "bash -n: ok"

mkdir -p "$TMP/cache" "$TMP/tmp"
sed -e 's|${PROXIMITY_LISTEN}|127.0.0.1:18799|' \
    -e 's|${PROXIMITY_APP_1}|127.0.0.1:8081|' -e 's|${PROXIMITY_APP_2}|127.0.0.1:8082|' \
    -e "s|\${PROXIMITY_CACHE_DIR}|$TMP/cache|" \
    -e 's|${PROXIMITY_ACCESS_LOG}|/dev/stdout|' -e 's|${PROXIMITY_ERROR_LOG}|/dev/stderr|' \
    deploy/nginx/proximity.conf.template >"$TMP/proximity.conf"
if grep -n '\${PROXIMITY_' "$TMP/proximity.conf"; then echo "unrendered variables left"; exit 1; fi
cat >"$TMP/nginx.conf" <<CONF
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
