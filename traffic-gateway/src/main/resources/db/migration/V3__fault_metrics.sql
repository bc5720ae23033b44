-- Requests that an injected fault hit, per route x version x fault x bucket: the fault dimension of the metrics
-- store. These requests are ALSO counted in request_metrics (users got them); this table says which fault, and
-- which chaos experiment (experiment = '' when the fault carried no experiment label), hit them. Same resolutions
-- (5 s raw, 60, 3600 roll-ups), same roll-up and retention rules, same latency_counts layout as request_metrics.
CREATE TABLE fault_metrics (
    route              text        NOT NULL,
    version            text        NOT NULL,
    fault_id           text        NOT NULL,
    experiment         text        NOT NULL DEFAULT '',
    resolution_seconds integer     NOT NULL,
    bucket_start       timestamptz NOT NULL,
    requests           bigint      NOT NULL,
    server_errors      bigint      NOT NULL,
    latency_counts     bigint[]    NOT NULL,
    PRIMARY KEY (route, resolution_seconds, bucket_start, version, fault_id)
);
CREATE INDEX fault_metrics_by_age ON fault_metrics (resolution_seconds, bucket_start);
