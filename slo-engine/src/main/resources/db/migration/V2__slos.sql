CREATE TABLE slos (
    name       text PRIMARY KEY,
    service    text        NOT NULL,
    spec       jsonb       NOT NULL,
    version    integer     NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slos_service_idx ON slos (service);
