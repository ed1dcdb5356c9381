-- Tessera's suppression list: one row per erased record, so that the record does not come back when its row changes
-- again in the source. Not a read model: back it up with the database. The record key (source/table/pk) may itself
-- be personal, so it is kept only as a keyed hash (HMAC-SHA256 with the pseudonym key). profile_ids names the profiles
-- that erased the record (profile ids are not personal): a lift tells them that the record may come back.
CREATE TABLE IF NOT EXISTS suppression (
    record_hash   varchar     PRIMARY KEY,
    erasure_id    varchar     NOT NULL,
    suppressed_at timestamptz NOT NULL,
    profile_ids   varchar[]
);
ALTER TABLE suppression ADD COLUMN IF NOT EXISTS profile_ids varchar[];
