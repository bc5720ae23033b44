CREATE TABLE routes (
    id         text PRIMARY KEY,
    spec       jsonb       NOT NULL,
    version    bigint      NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now()
);
