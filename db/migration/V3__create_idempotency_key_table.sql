-- Makes POST retries safe: the first request with a key stores its response, replays return it.
CREATE TABLE idempotency_key (
    owner_id      BIGINT       NOT NULL REFERENCES owner (id),
    key           TEXT         NOT NULL,
    request_hash  TEXT         NOT NULL,
    status        INTEGER,                  -- NULL while the first request is still running
    business_id   BIGINT,
    response_body TEXT,                     -- what the first request answered, replayed verbatim
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (owner_id, key)
);

CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
