-- Faults installed by the chaos service. The gateway enforces expires_at on every request from memory;
-- expired rows are deleted (and audited) by a janitor, which is housekeeping, not the revert itself.
CREATE TABLE faults (
    id         text PRIMARY KEY,
    route_id   text        NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    spec       jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX faults_by_expiry ON faults (expires_at);

-- The built-in metrics store, read by the canary analysis and the SLO engine.
-- One row per route x version x bucket. resolution_seconds is 5 for raw buckets written by the gateways
-- (every replica adds its counts into the same row), 60 and 3600 for roll-ups recomputed from the level
-- below. latency_counts has one count per bound of latency_bounds plus a last overflow count.
CREATE TABLE request_metrics (
    route              text        NOT NULL,
    version            text        NOT NULL,
    resolution_seconds integer     NOT NULL,
    bucket_start       timestamptz NOT NULL,
    requests           bigint      NOT NULL,
    server_errors      bigint      NOT NULL,
    latency_counts     bigint[]    NOT NULL,
    PRIMARY KEY (route, resolution_seconds, bucket_start, version)
);
CREATE INDEX request_metrics_by_age ON request_metrics (resolution_seconds, bucket_start);

-- The histogram's upper bounds in ms; must equal the canary judge's LatencyHistogram.DEFAULT_BOUNDS_MS.
CREATE TABLE latency_bounds (
    id        integer PRIMARY KEY CHECK (id = 1),
    bounds_ms double precision[] NOT NULL
);
INSERT INTO latency_bounds (id, bounds_ms) VALUES (1, ARRAY[
    1, 2, 3, 5, 7, 10, 12, 15, 18, 22, 27, 33, 40, 48, 58, 70, 84, 100, 120, 145, 175, 210, 250, 300, 360, 430,
    520, 620, 750, 900, 1100, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 7500, 10000]::double precision[]);

-- Bucket-wise sum of histograms, for the gateway's own roll-ups and for any reader of the store.
CREATE FUNCTION histogram_add(a bigint[], b bigint[]) RETURNS bigint[]
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE
        WHEN a IS NULL THEN b
        WHEN b IS NULL THEN a
        ELSE ARRAY(SELECT coalesce(x, 0) + coalesce(y, 0)
                   FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i) ORDER BY i)
    END
$$;
CREATE AGGREGATE histogram_sum(bigint[]) (SFUNC = histogram_add, STYPE = bigint[]);

-- Shadow comparison summaries, per route (all replicas add into the same rows).
CREATE TABLE shadow_totals (
    route             text PRIMARY KEY,
    comparisons       bigint      NOT NULL DEFAULT 0,
    noise_comparisons bigint      NOT NULL DEFAULT 0,
    failures          bigint      NOT NULL DEFAULT 0,
    dropped           bigint      NOT NULL DEFAULT 0,
    since             timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE shadow_fields (
    route       text   NOT NULL,
    path        text   NOT NULL,
    differences bigint NOT NULL DEFAULT 0,
    noise       bigint NOT NULL DEFAULT 0,
    samples     jsonb  NOT NULL DEFAULT '[]'::jsonb,
    PRIMARY KEY (route, path)
);
