-- Settings of the service's metrics provider when it is not the gateway (web: URL template and JSON paths).
ALTER TABLE services ADD COLUMN metrics_source jsonb;
