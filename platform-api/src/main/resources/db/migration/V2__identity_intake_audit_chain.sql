-- People who log in to the console. Passwords are BCrypt hashes; roles and teams are small sets kept inline.
CREATE TABLE users (
    name          text PRIMARY KEY,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL,
    teams         text[]      NOT NULL DEFAULT '{}',
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- API tokens: only the SHA-256 of the secret is kept (the secret has 256 random bits, so a slow hash adds
-- nothing and a fast one lets every request be looked up by an index).
CREATE TABLE api_tokens (
    id          text PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    secret_hash text        NOT NULL UNIQUE,
    roles       text[]      NOT NULL,
    teams       text[]      NOT NULL DEFAULT '{}',
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    last_used_at timestamptz
);

-- What CI handed to the front door, and the rollout each intake started.
CREATE TABLE deployments (
    id          text PRIMARY KEY,
    service     text        NOT NULL,
    version     text        NOT NULL,
    commit_sha  text        NOT NULL,
    commit_time timestamptz,
    source      text        NOT NULL,
    actor       text        NOT NULL,
    rollout_id  text,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deployments_service_idx ON deployments (service, received_at);

-- A hash chain over the shared audit table: entry n's hash covers entry n-1's hash and audit row n.
CREATE TABLE audit_chain (
    seq       bigserial PRIMARY KEY,
    audit_id  bigint NOT NULL UNIQUE,
    hash      text   NOT NULL,
    chained_at timestamptz NOT NULL DEFAULT now()
);
