-- The change log: one entry per committed write transaction on business (a create, update or delete of one
-- business, or one import), written in that transaction. Every instance reads it in position order and applies
-- it to its search state, and one of them to the Redis view.
--
-- Commit order is position order: a writer takes its position by updating the single row of
-- business_change_head as the last statement before its commit, and holds that row lock until it commits. A
-- second writer's update waits for the first to commit (or roll back) and then reads the committed value, so
-- a position is only handed out after every smaller one is visible (PostgreSQL makes a transaction visible
-- before it releases its locks). A rolled-back writer rolls its update back too, so positions have no gaps:
-- a reader that finds position n + 2 but not n + 1 knows n + 1 was pruned, never that it is still to come.
CREATE TABLE business_change_head (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    position  BIGINT  NOT NULL
);

INSERT INTO business_change_head (singleton, position) VALUES (TRUE, 0);

CREATE TABLE business_change (
    position     BIGINT       PRIMARY KEY,
    -- a write of one business: its id (the row itself, or its absence, says what it is now)
    business_id  BIGINT,
    -- an import: the owner's businesses with ids in [first_id, last_id] (ids are time-ordered)
    owner_id     BIGINT,
    first_id     BIGINT,
    last_id      BIGINT,
    row_count    BIGINT,
    committed_at TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp(),
    CHECK ((business_id IS NOT NULL) <> (owner_id IS NOT NULL AND first_id IS NOT NULL AND last_id IS NOT NULL))
);

-- retention prunes by age
CREATE INDEX business_change_committed_at_idx ON business_change (committed_at);

-- For changes made outside the application (an operator's SQL): appends an entry for one business in the
-- caller's transaction, e.g. "UPDATE business SET ... WHERE id = 42; SELECT log_business_change(42);".
CREATE FUNCTION log_business_change(changed_id BIGINT) RETURNS BIGINT AS $$
    WITH next AS (
        UPDATE business_change_head SET position = position + 1 RETURNING position
    )
    INSERT INTO business_change (position, business_id) SELECT position, changed_id FROM next
    RETURNING position;
$$ LANGUAGE sql;

-- The log replaces the catch-up by updated_at and the tombstones it needed.
DROP TRIGGER business_tombstone_on_delete ON business;
DROP FUNCTION business_leave_tombstone();
DROP TABLE business_tombstone;
DROP INDEX business_updated_at_idx;
