CREATE TABLE budget_policy (
    version            bigint PRIMARY KEY,
    aggressive_above   double precision NOT NULL,
    normal_above       double precision NOT NULL,
    freeze_at_or_below double precision NOT NULL,
    actor              text             NOT NULL,
    reason             text             NOT NULL DEFAULT '',
    created_at         timestamptz      NOT NULL DEFAULT now()
);
