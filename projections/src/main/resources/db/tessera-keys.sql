-- The AES-256 keys of each source record: the personal data of the record's events in the event store and on
-- Tessera's topics is encrypted with them. Not a read model: it is never rebuilt, and without it the events cannot be
-- read. Erasure destroys a record's live key (key_material becomes null; the row stays so that the record is known as
-- erased and what was sealed with that key reads as erased). Lifting the record's suppression adds the next
-- generation: a new key for what the source sends from then on, while every earlier generation stays destroyed.
CREATE TABLE IF NOT EXISTS record_key (
    source        varchar     NOT NULL,
    source_table  varchar     NOT NULL,
    source_pk     varchar     NOT NULL,
    generation    integer     NOT NULL DEFAULT 1,
    key_material  bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    destroyed_at  timestamptz,
    erasure_id    varchar,
    -- For generation 2 on: when the generation before was destroyed. Versions of the record changed in the source
    -- before then are never sealed with this key.
    erased_before timestamptz,
    PRIMARY KEY (source, source_table, source_pk, generation)
);

-- A table from before key generations: one key per record, which is its generation 1.
ALTER TABLE record_key ADD COLUMN IF NOT EXISTS generation integer NOT NULL DEFAULT 1;
ALTER TABLE record_key ADD COLUMN IF NOT EXISTS erased_before timestamptz;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                   WHERE i.indrelid = 'record_key'::regclass AND i.indisprimary AND a.attname = 'generation') THEN
        ALTER TABLE record_key DROP CONSTRAINT record_key_pkey;
        ALTER TABLE record_key ADD PRIMARY KEY (source, source_table, source_pk, generation);
    END IF;
END $$;

-- At most one live key per record: a new generation is only ever added after the one before was destroyed.
CREATE UNIQUE INDEX IF NOT EXISTS record_key_live ON record_key (source, source_table, source_pk)
    WHERE destroyed_at IS NULL;

-- Other instances look up the keys destroyed lately, to mark them destroyed in their caches.
CREATE INDEX IF NOT EXISTS record_key_destroyed ON record_key (destroyed_at) WHERE destroyed_at IS NOT NULL;
