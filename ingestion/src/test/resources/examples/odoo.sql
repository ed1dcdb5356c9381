-- Odoo 17 res_partner as the ORM creates it (../shared/crm-erp-schemas.md section 1, version A: odoo/odoo
-- odoo/addons/base/models/res_partner.py @ 4461f077, plus mail's message_bounce). Foreign keys to tables that are
-- not captured (res_users, res_country, ...) are left out; their columns stay. opt_out is the mail module's
-- column of Odoo 11 and earlier, which databases upgraded from them may keep (examples/sources/odoo.yaml maps it).
CREATE TABLE res_partner (
  id                      serial PRIMARY KEY,
  name                    varchar,
  complete_name           varchar,
  title                   int4,
  parent_id               int4 REFERENCES res_partner (id) ON DELETE SET NULL,
  ref                     varchar,
  lang                    varchar,
  tz                      varchar,
  user_id                 int4,
  vat                     varchar,
  company_registry        varchar,
  website                 varchar,
  comment                 text,
  active                  boolean,
  employee                boolean,
  function                varchar,
  type                    varchar,
  street                  varchar,
  street2                 varchar,
  zip                     varchar,
  city                    varchar,
  state_id                int4,
  country_id              int4,
  partner_latitude        numeric,
  partner_longitude       numeric,
  email                   varchar,
  phone                   varchar,
  mobile                  varchar,
  is_company              boolean,
  industry_id             int4,
  company_id              int4,
  color                   int4,
  partner_share           boolean,
  commercial_partner_id   int4,
  commercial_company_name varchar,
  company_name            varchar,
  message_bounce          int4,
  opt_out                 boolean,
  create_uid              int4,
  create_date             timestamp,
  write_uid               int4,
  write_date              timestamp,
  CONSTRAINT res_partner_check_name CHECK (type <> 'contact' OR name IS NOT NULL)
);
CREATE INDEX res_partner_name_index ON res_partner (name);
CREATE INDEX res_partner_parent_id_index ON res_partner (parent_id);
CREATE INDEX res_partner_vat_index ON res_partner (vat);
-- What examples/sources/odoo.yaml asks of the database.
ALTER TABLE res_partner REPLICA IDENTITY FULL;
CREATE TABLE tessera_heartbeat (id int PRIMARY KEY, beat timestamptz NOT NULL);
