-- One AES-256 key per source record: the personal data of the record's events in the event store is encrypted with it.
-- Not a read model: it is never rebuilt, and without it the events cannot be read. Erasure destroys a record's key
-- (key_material becomes null; the row stays so that the record is known as erased and is never given a new key).
CREATE TABLE IF NOT EXISTS record_key (
    source        varchar     NOT NULL,
    source_table  varchar     NOT NULL,
    source_pk     varchar     NOT NULL,
    key_material  bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    destroyed_at  timestamptz,
    erasure_id    varchar,
    PRIMARY KEY (source, source_table, source_pk)
);
-- Other instances look up the keys destroyed lately, to mark them destroyed in their caches.
CREATE INDEX IF NOT EXISTS record_key_destroyed ON record_key (destroyed_at) WHERE destroyed_at IS NOT NULL;
