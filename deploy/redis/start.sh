#!/bin/sh
# Starts redis-server for docker-compose.yml with the app's user and nothing else: the default user is off, and
# the user "proximity" has REDIS_PASSWORD and the rules of deploy/redis/proximity.acl (mounted next to this
# script). The configuration is written to a file only the redis user can read, so the password is not on a
# command line. Extra arguments go to redis-server (maxmemory and its policy, persistence).
#   REDIS_PASSWORD   required; letters, digits and - _ . ~ + / = only (e.g. openssl rand -hex 32)
set -eu
dir=$(dirname "$0")
: "${REDIS_PASSWORD:?set REDIS_PASSWORD}"
case $REDIS_PASSWORD in
  *[!A-Za-z0-9._~+/=-]*) echo "REDIS_PASSWORD: use letters, digits and - _ . ~ + / = only" >&2; exit 1 ;;
esac
rules=$(grep -v '^[[:space:]]*#' "$dir/proximity.acl" | tr '\n' ' ')
conf=${PROXIMITY_REDIS_CONF:-/tmp/proximity-redis.conf}
(umask 077 && printf 'user default off\nuser proximity on >%s %s\n' "$REDIS_PASSWORD" "$rules" >"$conf")
chown redis "$conf" 2>/dev/null || true
# the image's entrypoint drops root for the redis user before it starts the server
exec docker-entrypoint.sh redis-server "$conf" "$@"
