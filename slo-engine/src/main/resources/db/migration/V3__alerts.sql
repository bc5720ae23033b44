CREATE TABLE alerts (
    id             bigserial PRIMARY KEY,
    slo            text        NOT NULL,
    service        text        NOT NULL,
    label          text        NOT NULL,
    severity       text        NOT NULL,
    state          text        NOT NULL CHECK (state IN ('FIRING', 'RESOLVED')),
    reason         text        NOT NULL,
    resolve_reason text,
    fired_at       timestamptz NOT NULL DEFAULT now(),
    resolved_at    timestamptz
);
-- One open firing per SLO and alert: replicas evaluating at once cannot open it twice.
CREATE UNIQUE INDEX alerts_one_firing ON alerts (slo, label) WHERE state = 'FIRING';
CREATE INDEX alerts_recent ON alerts (fired_at DESC);
