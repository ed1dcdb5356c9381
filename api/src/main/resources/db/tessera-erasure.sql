-- Tessera's erasure log: one row per erasure that erased something. Not a read model: it is not rebuilt from the
-- event store; back it up with the database. An email an erasure was asked for is kept only as a keyed hash, so that
-- a repeated request is recognised without keeping the address.
CREATE TABLE IF NOT EXISTS erasure_log (
    erasure_id    varchar     PRIMARY KEY,
    requested_at  timestamptz NOT NULL,
    requested_by  varchar     NOT NULL,
    email_hash    varchar,
    profile_ids   varchar[]   NOT NULL,
    records       integer     NOT NULL
);
CREATE INDEX IF NOT EXISTS erasure_log_by_email ON erasure_log (email_hash);
CREATE INDEX IF NOT EXISTS erasure_log_by_profile ON erasure_log USING gin (profile_ids);
