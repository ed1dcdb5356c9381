-- Tessera's suppression list: one row per erased record, so that the record does not come back when its row changes
-- again in the source. Not a read model: back it up with the database. The record key (source/table/pk) may itself
-- be personal, so it is kept only as a keyed hash (HMAC-SHA256 with the pseudonym key).
CREATE TABLE IF NOT EXISTS suppression (
    record_hash   varchar     PRIMARY KEY,
    erasure_id    varchar     NOT NULL,
    suppressed_at timestamptz NOT NULL
);
