-- A freeze is broken only by a record: who asked, why, who approved (someone else), until when.
CREATE TABLE break_glass (
    id            text PRIMARY KEY,
    service       text        NOT NULL,
    justification text        NOT NULL,
    duration_s    bigint      NOT NULL CHECK (duration_s > 0),
    requested_by  text        NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    approved_by   text CHECK (approved_by <> requested_by),
    approved_at   timestamptz,
    expires_at    timestamptz,
    revoked_by    text,
    revoked_at    timestamptz,
    revoke_reason text
);
CREATE INDEX break_glass_by_service ON break_glass (service, expires_at DESC);
