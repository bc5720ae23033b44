-- Every committed change gets the next revision; a ruleset's revision (its ETag, the SSE event id) is the
-- latest one. One counter for all environments keeps "has anything changed since N" a single comparison.
CREATE TABLE changes (
    revision   bigserial PRIMARY KEY,
    subject    text        NOT NULL,
    action     text        NOT NULL,
    actor      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The current version of each flag (the document holds the definition and every environment's targeting).
CREATE TABLE flags (
    key        text PRIMARY KEY,
    version    integer     NOT NULL,
    document   jsonb       NOT NULL,
    deleted    boolean     NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every version ever written, never updated: any of them can be restored.
CREATE TABLE flag_versions (
    flag_key   text        NOT NULL,
    version    integer     NOT NULL,
    document   jsonb       NOT NULL,
    deleted    boolean     NOT NULL,
    action     text        NOT NULL,
    actor      text        NOT NULL,
    reason     text        NOT NULL,
    revision   bigint      NOT NULL REFERENCES changes (revision),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (flag_key, version)
);

CREATE TABLE segments (
    key        text PRIMARY KEY,
    version    integer     NOT NULL,
    document   jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The ordered rings are one list: reordering is one change.
CREATE TABLE rings (
    id         integer PRIMARY KEY CHECK (id = 1),
    document   jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO rings (id, document) VALUES (1, '[]');

-- Read-only keys for SDKs and OFREP clients, one environment each. Only a hash is kept.
CREATE TABLE sdk_keys (
    id          text PRIMARY KEY,
    environment text        NOT NULL REFERENCES environments (key),
    name        text        NOT NULL,
    secret_hash text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
