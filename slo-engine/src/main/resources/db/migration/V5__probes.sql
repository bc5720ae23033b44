-- Synthetic probes: scheduled HTTP journeys per service; every run is kept as a result.
CREATE TABLE probes (
    name        text PRIMARY KEY,
    service     text        NOT NULL,
    spec        jsonb       NOT NULL,
    next_run_at timestamptz NOT NULL DEFAULT now(),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE probe_results (
    id          bigserial PRIMARY KEY,
    probe       text        NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    success     boolean     NOT NULL,
    failed_step integer,
    reason      text        NOT NULL,
    duration_ms bigint      NOT NULL
);
CREATE INDEX probe_results_by_probe ON probe_results (probe, at DESC);
CREATE INDEX probe_results_by_age ON probe_results (at);
