-- Read models of Tessera. Disposable: a replay of the event store rebuilds them.
CREATE TABLE IF NOT EXISTS profile_record (
    source        varchar     NOT NULL,
    source_table  varchar     NOT NULL,
    source_pk     varchar     NOT NULL,
    profile_id    varchar     NOT NULL,
    entity_kind   varchar     NOT NULL,
    record        jsonb       NOT NULL,
    evidence      jsonb       NOT NULL,
    changed_at    timestamptz,
    linked_at     timestamptz NOT NULL,
    PRIMARY KEY (source, source_table, source_pk)
);
CREATE INDEX IF NOT EXISTS profile_record_by_profile ON profile_record (profile_id);
-- When Tessera first saw the record: the source's change time of the first version it saw; kept when the record
-- moves between profiles.
ALTER TABLE profile_record ADD COLUMN IF NOT EXISTS first_seen timestamptz;
-- Per consent statement of the record without a time of its own ("email/marketing"): since when the record has said
-- what it says now, so an unrelated change of the row does not restate it.
ALTER TABLE profile_record ADD COLUMN IF NOT EXISTS consent_since jsonb;

CREATE TABLE IF NOT EXISTS profile_view (
    profile_id    varchar     PRIMARY KEY,
    display_name  varchar,
    entity_kind   varchar     NOT NULL,
    record_count  integer     NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- The relations source records hold (a contact's employer), by record; turned into relations between profiles
-- when read, so merges and splits never leave them pointing at a retired profile.
CREATE TABLE IF NOT EXISTS record_relation (
    source         varchar NOT NULL,
    source_table   varchar NOT NULL,
    source_pk      varchar NOT NULL,
    relation_type  varchar NOT NULL,
    target_source  varchar NOT NULL,
    target_table   varchar NOT NULL,
    target_pk      varchar NOT NULL,
    PRIMARY KEY (source, source_table, source_pk, relation_type, target_source, target_table, target_pk)
);
CREATE INDEX IF NOT EXISTS record_relation_by_target ON record_relation (target_source, target_table, target_pk);

-- The latest consent statement made through the API per profile, channel and purpose (statements of sources arrive
-- with their records); older ones are in the event store. Moved to the survivor when a profile is merged into
-- another, copied to a profile split off.
CREATE TABLE IF NOT EXISTS profile_consent (
    profile_id    varchar     NOT NULL,
    channel       varchar     NOT NULL,
    purpose       varchar     NOT NULL,
    granted       boolean     NOT NULL,
    stated_at     timestamptz NOT NULL,
    stated_by     varchar,
    note          varchar,
    statement_id  varchar     NOT NULL,
    PRIMARY KEY (profile_id, channel, purpose)
);
