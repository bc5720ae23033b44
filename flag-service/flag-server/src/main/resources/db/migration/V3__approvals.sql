-- A change to an environment that requires approval waits here until another person approves it.
CREATE TABLE proposals (
    id              bigserial PRIMARY KEY,
    flag_key        text        NOT NULL,
    base_version    integer     NOT NULL, -- the flag's version the change was made against (0: no flag yet)
    action          text        NOT NULL,
    document        jsonb       NOT NULL,
    deleted         boolean     NOT NULL,
    environments    jsonb       NOT NULL, -- the guarded environments it changes
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    proposed_by     text        NOT NULL,
    reason          text        NOT NULL,
    decided_by      text,
    decision_reason text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    decided_at      timestamptz
);
CREATE INDEX proposals_pending ON proposals (flag_key) WHERE status = 'PENDING';
