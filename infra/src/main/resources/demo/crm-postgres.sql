-- Odoo-style CRM demo schema (docs/demo-sources.md), PostgreSQL database "crm".
-- Applied on every demo start, so every statement is idempotent.

CREATE TABLE IF NOT EXISTS res_country (
  id    serial PRIMARY KEY,
  code  varchar(2) NOT NULL UNIQUE,
  name  varchar NOT NULL
);

CREATE TABLE IF NOT EXISTS res_partner (
  id                      serial PRIMARY KEY,
  name                    varchar,
  complete_name           varchar,
  parent_id               int4 REFERENCES res_partner(id),
  ref                     varchar,
  lang                    varchar,
  vat                     varchar,
  company_registry        varchar,
  website                 varchar,
  comment                 text,
  active                  boolean DEFAULT true,
  function                varchar,
  type                    varchar DEFAULT 'contact',
  street                  varchar,
  street2                 varchar,
  zip                     varchar,
  city                    varchar,
  country_id              int4 REFERENCES res_country(id),
  email                   varchar,
  phone                   varchar,
  mobile                  varchar,
  is_company              boolean DEFAULT false,
  commercial_company_name varchar,
  company_name            varchar,
  create_date             timestamp DEFAULT now(),
  write_date              timestamp DEFAULT now(),
  opt_out                 boolean DEFAULT false
);

-- opt_out (Odoo's "Opt-Out" of mass mailing, e-mail marketing refused when true) came after the first demos:
-- a CRM created by one of them gets the column here, every partner not opted out.
ALTER TABLE res_partner ADD COLUMN IF NOT EXISTS opt_out boolean DEFAULT false;

-- Debezium needs the old row image on updates and deletes.
ALTER TABLE res_partner REPLICA IDENTITY FULL;

-- Explicit ids keep country_id stable across restarts; the conflict clause makes this a one-time insert.
INSERT INTO res_country (id, code, name) VALUES
  (1, 'ES', 'Spain'),
  (2, 'PT', 'Portugal'),
  (3, 'FR', 'France'),
  (4, 'IT', 'Italy'),
  (5, 'DE', 'Germany'),
  (6, 'NL', 'Netherlands'),
  (7, 'PL', 'Poland'),
  (8, 'GB', 'United Kingdom'),
  (9, 'BE', 'Belgium'),
  (10, 'AT', 'Austria'),
  (11, 'IE', 'Ireland')
ON CONFLICT DO NOTHING;

-- The rows above bypassed the sequence; move it past them so a country added by hand gets a free id.
SELECT setval(pg_get_serial_sequence('res_country', 'id'), (SELECT max(id) FROM res_country));

-- Tessera's capture writes a heartbeat row here (mapping: capture.heartbeat-table), so that its replication slot
-- moves on while res_partner is quiet and other tables fill the WAL.
CREATE TABLE IF NOT EXISTS tessera_heartbeat (
  id    int PRIMARY KEY,
  beat  timestamptz NOT NULL
);
