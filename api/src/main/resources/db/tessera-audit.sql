-- Tessera's audit log: one row per call of an endpoint that answers personal data. Not a read model: it is not
-- rebuilt from the event store, so it must be backed up with the database. Query values are never stored in clear.
CREATE TABLE IF NOT EXISTS audit_log (
    id               bigserial   PRIMARY KEY,
    at               timestamptz NOT NULL,
    caller           varchar     NOT NULL,
    roles            varchar[]   NOT NULL,
    pseudonymised    boolean     NOT NULL,
    purpose          varchar     NOT NULL,
    method           varchar     NOT NULL,
    path             varchar     NOT NULL,
    query_parameters varchar[]   NOT NULL,
    query_hash       varchar,
    profile_ids      varchar[]   NOT NULL,
    record_keys      varchar[]   NOT NULL,
    -- Null while the request runs, and for a request that never finished.
    status           integer,
    finished_at      timestamptz
);
CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_by_caller ON audit_log (caller, at DESC, id DESC);
CREATE INDEX IF NOT EXISTS audit_log_by_profile ON audit_log USING gin (profile_ids);
