#!/usr/bin/env bash
# Runs once, when the primary's data directory is created (docker-entrypoint-initdb.d, as the image's superuser),
# before 20-app-privileges.sql (deploy/postgres/app-privileges.sql) gives the roles their rights:
#   replicator        streaming replication only; one physical slot per replica, so a replica that is down keeps
#                     its WAL until it is back
#   proximity_owner   owns the application database; Flyway migrates as it (SPRING_FLYWAY_USER)
#   proximity_app     what the apps connect as: reads and writes rows, nothing else
# The passwords reach PostgreSQL as psql variables, quoted by psql as literals (:'name'), never pasted into SQL
# (a quote in a password can neither break the statement nor inject another).
#   POSTGRES_USER, POSTGRES_DB (the image's), REPLICATION_PASSWORD, DB_OWNER_PASSWORD, DB_APP_PASSWORD
set -euo pipefail
: "${REPLICATION_PASSWORD:?}" "${DB_OWNER_PASSWORD:?}" "${DB_APP_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v replication_password="$REPLICATION_PASSWORD" -v owner_password="$DB_OWNER_PASSWORD" \
  -v app_password="$DB_APP_PASSWORD" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'replication_password';
CREATE ROLE proximity_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_password';
CREATE ROLE proximity_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_password';
SELECT pg_create_physical_replication_slot('replica_1');
SELECT pg_create_physical_replication_slot('replica_2');
SQL
echo "host replication replicator all scram-sha-256" >>"$PGDATA/pg_hba.conf"
# The superuser only from inside the container (docker compose exec postgres-primary psql -U postgres), never over
# the network: its rule goes first, ahead of the image's "host all all all".
{ echo "host all $POSTGRES_USER all reject"; cat "$PGDATA/pg_hba.conf"; } >"$PGDATA/pg_hba.conf.new"
mv "$PGDATA/pg_hba.conf.new" "$PGDATA/pg_hba.conf"
