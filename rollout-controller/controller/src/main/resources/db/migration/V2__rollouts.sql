-- Registry: what a rollout of the service needs to know.
ALTER TABLE services
    ADD COLUMN route_id         text,
    ADD COLUMN stable_version   text,
    ADD COLUMN stable_upstream  text,
    ADD COLUMN default_strategy jsonb,
    ADD COLUMN analysis         jsonb;

CREATE TABLE rollouts (
    id                text PRIMARY KEY,
    service           text        NOT NULL REFERENCES services (name),
    version           text        NOT NULL,
    artifact          text        NOT NULL,
    commit_sha        text        NOT NULL,
    commit_time       timestamptz,
    canary_upstream   text,
    previous_version  text,
    posture           text        NOT NULL,
    break_glass       jsonb,
    strategy          jsonb       NOT NULL,
    state             text        NOT NULL,
    step_index        integer     NOT NULL,
    step_started_at   timestamptz NOT NULL,
    attempt           integer     NOT NULL DEFAULT 1,
    reverts_promotion boolean     NOT NULL DEFAULT false,
    reason            text        NOT NULL,
    last_report       jsonb,
    -- Optimistic concurrency: a command and the reconciler never both write from the same revision.
    revision          bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- One unfinished rollout per service: two canaries of one service would judge each other's traffic.
CREATE UNIQUE INDEX rollouts_one_active_per_service ON rollouts (service)
    WHERE state NOT IN ('PROMOTED', 'ROLLED_BACK', 'FAILED');
CREATE INDEX rollouts_by_state ON rollouts (state);

-- Every transition with its reason; the failing metrics and the judge's report when analysis decided.
CREATE TABLE rollout_transitions (
    id             bigserial PRIMARY KEY,
    rollout_id     text        NOT NULL REFERENCES rollouts (id),
    at             timestamptz NOT NULL DEFAULT now(),
    actor          text        NOT NULL,
    from_state     text,
    to_state       text        NOT NULL,
    step_index     integer     NOT NULL,
    attempt        integer     NOT NULL,
    decision       text        NOT NULL,
    reason         text        NOT NULL,
    failed_metrics jsonb,
    report         jsonb
);
CREATE INDEX rollout_transitions_by_rollout ON rollout_transitions (rollout_id, id);
