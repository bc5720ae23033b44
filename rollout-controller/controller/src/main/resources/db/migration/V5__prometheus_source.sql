-- Settings of the Prometheus metrics provider (API URL, counter expressions, step and lag).
ALTER TABLE services ADD COLUMN prometheus_source jsonb;
