CREATE TABLE services (
    name              text PRIMARY KEY,
    team              text        NOT NULL,
    deployment_driver text        NOT NULL,
    traffic_router    text        NOT NULL,
    metrics_provider  text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);
