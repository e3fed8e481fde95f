-- Who may do what in the application's database. Run as a superuser, connected to that database, once the two
-- roles exist (deploy/postgres/primary-init.sh creates them with their passwords):
--   proximity_owner  owns the database, its schema and everything in it; Flyway migrates as it
--                    (spring.flyway.user); not a superuser, cannot create databases or roles
--   proximity_app    what the running app connects as (spring.datasource.username, replicas too): reads and
--                    writes rows, nothing else: no CREATE, ALTER, DROP, TRUNCATE, no temporary tables
-- What the app needs at run time besides rows: COPY ... FROM STDIN into business (bulk import; INSERT is enough),
-- SET LOCAL statement_timeout, and the WAL position functions pg_current_wal_lsn(), pg_is_in_recovery() and
-- pg_last_wal_replay_lsn() (replica lag; PostgreSQL lets every role call them). No LISTEN/NOTIFY, replication
-- slots, pg_stat_* views or sequences. Safe to run again, e.g. on a database migrated before these roles existed:
-- whatever the schema holds is handed to proximity_owner.
DO $$
DECLARE
    object record;
BEGIN
    EXECUTE format('ALTER DATABASE %I OWNER TO proximity_owner', current_database());
    -- PUBLIC may connect and create temporary tables by default; only the two roles may connect, neither makes
    -- temporary tables
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO proximity_app', current_database());
    FOR object IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            AND pg_get_userbyid(c.relowner) <> 'proximity_owner' LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO proximity_owner', object.name);
    END LOOP;
    FOR object IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> 'proximity_owner' LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO proximity_owner', object.name);
    END LOOP;
END
$$;

ALTER SCHEMA public OWNER TO proximity_owner;
-- PostgreSQL 15 and later no longer let PUBLIC create in the public schema; older ones did
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO proximity_app;

-- the tables there are now, and every table and sequence Flyway (as proximity_owner) creates from now on
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO proximity_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO proximity_app;
ALTER DEFAULT PRIVILEGES FOR ROLE proximity_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO proximity_app;
ALTER DEFAULT PRIVILEGES FOR ROLE proximity_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO proximity_app;
