-- Imports that run in the background (POST /v1/businesses/import with Prefer: respond-async): one row per job,
-- so that any instance can answer GET /v1/businesses/imports/{id}. The row is written on the primary outside
-- the import's own transaction (created when the body has been received, then progress and a heartbeat every
-- few seconds, and a failure), except the change to 'committed', which is made in the import's transaction:
-- a job reads 'committed' exactly when its businesses are there.
--
-- A 'running' row whose heartbeat is older than proximity.import.jobs.heartbeat-timeout belongs to an instance
-- that stopped: readers show it as failed, and the import's commit checks the heartbeat in the same statement
-- that marks it committed, so such a job can never commit later.
CREATE TABLE business_import_job (
    id            BIGINT      PRIMARY KEY,
    owner_id      BIGINT      NOT NULL REFERENCES owner (id) ON DELETE CASCADE,
    state         TEXT        NOT NULL CHECK (state IN ('running', 'committed', 'failed')),
    rows_read     BIGINT      NOT NULL DEFAULT 0,
    rows_written  BIGINT      NOT NULL DEFAULT 0,
    started_at    TIMESTAMPTZ NOT NULL,
    heartbeat_at  TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    -- a failure: its problem type and title, its detail, and the first bad lines
    problem_type  TEXT,
    title         TEXT,
    detail        TEXT,
    errors        JSONB,
    error_count   BIGINT      NOT NULL DEFAULT 0,
    CHECK ((state = 'running') = (finished_at IS NULL))
);

-- retention deletes finished jobs (and dead ones, by heartbeat) by age
CREATE INDEX business_import_job_heartbeat_at_idx ON business_import_job (heartbeat_at);
