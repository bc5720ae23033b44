-- A flag's owning service lives in its document (so versions, proposals and audit records carry it with
-- everything else); this column mirrors it, for listing a service's flags by index. Generated, so it can never
-- disagree with the document. Flags written before owners existed have none: NULL, changeable only by an sre.
ALTER TABLE flags
    ADD COLUMN service text GENERATED ALWAYS AS (document ->> 'service') STORED
        CHECK (service IS NULL OR service ~ '^[a-z][a-z0-9-]{1,62}$');
CREATE INDEX flags_by_service ON flags (service) WHERE NOT deleted;
