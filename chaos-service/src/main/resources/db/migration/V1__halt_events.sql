CREATE TABLE halt_events (
    id     bigserial PRIMARY KEY,
    halted boolean     NOT NULL,
    actor  text        NOT NULL,
    reason text        NOT NULL DEFAULT '',
    until  timestamptz,
    at     timestamptz NOT NULL DEFAULT now()
);
