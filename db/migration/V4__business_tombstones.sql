-- Deleted businesses, kept for a day, so an instance that missed change messages (Redis down) can find out
-- what was deleted meanwhile; rows written meanwhile it finds by updated_at. Written by a trigger, so every
-- way of deleting (API, SQL by an operator) leaves a tombstone.
CREATE TABLE business_tombstone (
    id          BIGINT       PRIMARY KEY,
    deleted_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX business_tombstone_deleted_at_idx ON business_tombstone (deleted_at);
-- the catch-up reads "written since" every retry interval while the change channel is down
CREATE INDEX business_updated_at_idx ON business (updated_at);

CREATE FUNCTION business_leave_tombstone() RETURNS trigger AS $$
BEGIN
    INSERT INTO business_tombstone (id, deleted_at) VALUES (OLD.id, clock_timestamp())
        ON CONFLICT (id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at;
    DELETE FROM business_tombstone WHERE deleted_at < clock_timestamp() - interval '1 day';
    RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER business_tombstone_on_delete AFTER DELETE ON business
    FOR EACH ROW EXECUTE FUNCTION business_leave_tombstone();
