-- Businesses. id is a time-ordered 64-bit id (timestamp, node, sequence) made by the application,
-- so the table can later be sharded by id.
CREATE TABLE business (
    id          BIGINT            PRIMARY KEY,
    owner_id    BIGINT            NOT NULL REFERENCES owner (id),
    name        TEXT              NOT NULL,
    category    TEXT              NOT NULL,
    latitude    DOUBLE PRECISION  NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude   DOUBLE PRECISION  NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    address     TEXT,
    city        TEXT,
    state       TEXT,
    country     TEXT              CHECK (country ~ '^[A-Z]{2}$'),
    postal_code TEXT,
    phone       TEXT,
    website     TEXT,
    time_zone   TEXT,
    hours       JSONB             NOT NULL DEFAULT '[]',
    -- derived from latitude/longitude on every write, for the cell indexes
    geohash     VARCHAR(12)       NOT NULL,
    s2_cell     BIGINT            NOT NULL,
    version     BIGINT            NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ       NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ       NOT NULL DEFAULT now()
);

-- text_pattern_ops lets "geohash LIKE 'wydm9%'" (a cell's prefix) use the index in any collation.
CREATE INDEX business_geohash_idx ON business (geohash text_pattern_ops);
-- A covering S2 cell is a contiguous range of leaf ids: "s2_cell BETWEEN min AND max".
CREATE INDEX business_s2_cell_idx ON business (s2_cell);
CREATE INDEX business_owner_idx ON business (owner_id, id);
