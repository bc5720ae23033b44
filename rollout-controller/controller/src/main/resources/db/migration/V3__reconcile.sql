-- Where the canary's analysis starts (the StartCanary transition of the current attempt); the reconciler
-- replays the metrics store from here after a restart, so the judge's state survives a SIGKILL.
ALTER TABLE rollouts
    ADD COLUMN analysis_from     timestamptz,
    -- The stable pool before this rollout, so a promoted release can be reverted.
    ADD COLUMN previous_upstream text;

-- Audience rings of the service (opaque router definitions, ring 0 first).
ALTER TABLE services ADD COLUMN rings jsonb;
