CREATE TABLE environments (
    key               text PRIMARY KEY,
    name              text        NOT NULL,
    requires_approval boolean     NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT now()
);

-- Every installation starts with the two environments the practice assumes.
INSERT INTO environments (key, name, requires_approval) VALUES
    ('production', 'Production', true),
    ('staging', 'Staging', false);
