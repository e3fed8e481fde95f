#!/usr/bin/env bash
# A streaming replica: on its first start, a base backup of the primary through its own slot (standby.signal
# and primary_conninfo written by -R); later starts reuse the data directory. Then the image's entrypoint.
#   PRIMARY_HOST, REPLICATION_PASSWORD, REPLICA_SLOT
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  until gosu postgres pg_isready -h "$PRIMARY_HOST" -p 5432 -q; do sleep 1; done
  PGPASSWORD=$REPLICATION_PASSWORD gosu postgres pg_basebackup -h "$PRIMARY_HOST" -p 5432 -U replicator \
    -D "$PGDATA" -R -X stream -c fast -S "$REPLICA_SLOT"
fi
exec docker-entrypoint.sh postgres -c hot_standby=on -c max_connections=400
