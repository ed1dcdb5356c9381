-- Runs after the CRM tables exist: the capture user owns them, as PostgreSQL requires to publish a table.
ALTER TABLE res_partner OWNER TO tessera;
ALTER TABLE res_country OWNER TO tessera;
