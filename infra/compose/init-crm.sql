-- The compose shape's CRM: the capture user Debezium's PostgreSQL connector needs (LOGIN, REPLICATION, owner of the
-- captured tables so that it may create the filtered publication). Tables: infra/src/main/resources/demo/crm-postgres.sql.
CREATE ROLE tessera WITH LOGIN REPLICATION PASSWORD 'tessera';
GRANT ALL ON SCHEMA public TO tessera;
