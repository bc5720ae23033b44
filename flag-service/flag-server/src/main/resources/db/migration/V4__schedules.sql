-- Changes to one environment of a flag, due at a given time. Open while AWAITING_APPROVAL or SCHEDULED; the
-- scheduler claims due rows with FOR UPDATE SKIP LOCKED, so with several replicas each is applied once.
CREATE TABLE schedules (
    id              bigserial PRIMARY KEY,
    flag_key        text        NOT NULL,
    environment     text        NOT NULL REFERENCES environments (key),
    due_at          timestamptz NOT NULL,
    change          jsonb       NOT NULL,
    status          text        NOT NULL CHECK (status IN
                        ('AWAITING_APPROVAL', 'SCHEDULED', 'APPLIED', 'FAILED', 'CANCELLED', 'REJECTED', 'EXPIRED')),
    scheduled_by    text        NOT NULL,
    reason          text        NOT NULL,
    decided_by      text,       -- who approved, rejected or cancelled it
    decision_reason text,
    outcome         text,       -- why it failed or expired
    applied_version integer,
    created_at      timestamptz NOT NULL DEFAULT now(),
    closed_at       timestamptz
);
CREATE INDEX schedules_open ON schedules (due_at) WHERE status IN ('AWAITING_APPROVAL', 'SCHEDULED');
CREATE INDEX schedules_flag ON schedules (flag_key, environment);
