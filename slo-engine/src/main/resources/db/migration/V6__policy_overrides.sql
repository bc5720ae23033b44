-- Per-service thresholds that deviate from the policy's defaults: {"payments": {"aggressiveAbove": ...}}.
ALTER TABLE budget_policy ADD COLUMN overrides jsonb NOT NULL DEFAULT '{}';
