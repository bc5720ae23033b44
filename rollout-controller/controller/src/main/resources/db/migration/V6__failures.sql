-- Failed reconcile passes in a row and the newest error, kept in the database so that a new leader continues
-- counting (the failure policy acts at the limit) and users see why a rollout is stuck.
ALTER TABLE rollouts ADD COLUMN consecutive_failures int NOT NULL DEFAULT 0;
ALTER TABLE rollouts ADD COLUMN last_error text;
