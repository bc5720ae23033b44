-- The platform's one shared, append-only audit table. Every service appends; nobody rewrites history.
-- Idempotent: run by the database bootstrap (as an administrator, so that the services' role does not own
-- the table) and, when nobody bootstrapped the database, by the first service to start.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE IF NOT EXISTS audit.audit_log (
    id          bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    service     text        NOT NULL,
    actor       text        NOT NULL,
    actor_kind  text        NOT NULL,
    action      text        NOT NULL,
    subject     text        NOT NULL,
    reason      text        NOT NULL DEFAULT '',
    before      jsonb,
    after       jsonb
);

CREATE INDEX IF NOT EXISTS audit_log_subject_idx ON audit.audit_log (service, subject, occurred_at);
CREATE INDEX IF NOT EXISTS audit_log_actor_idx ON audit.audit_log (actor, occurred_at);

-- Triggers fire for every role, the owner included: privileges alone would not stop an owner.
CREATE OR REPLACE FUNCTION audit.reject_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER IF EXISTS audit_log_no_update_delete ON audit.audit_log;
CREATE TRIGGER audit_log_no_update_delete
    BEFORE UPDATE OR DELETE ON audit.audit_log
    FOR EACH ROW EXECUTE FUNCTION audit.reject_rewrite();

DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit.audit_log;
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit.reject_rewrite();

REVOKE UPDATE, DELETE, TRUNCATE ON audit.audit_log FROM PUBLIC;
