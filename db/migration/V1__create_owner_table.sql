-- Owners sign in and manage their own businesses.
CREATE TABLE owner (
    id            BIGINT       PRIMARY KEY,
    email         TEXT         NOT NULL,
    password_hash TEXT         NOT NULL,
    name          TEXT         NOT NULL,
    role          TEXT         NOT NULL DEFAULT 'OWNER' CHECK (role IN ('OWNER', 'ADMIN')),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- E-mail addresses are unique whatever their case.
CREATE UNIQUE INDEX owner_email_key ON owner (lower(email));
