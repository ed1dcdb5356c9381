-- The compose shape's ERP: the capture user Debezium's MariaDB connector needs.
-- Tables: infra/src/main/resources/demo/erp-mariadb.sql (run after this file).
CREATE USER IF NOT EXISTS 'tessera'@'%' IDENTIFIED BY 'tessera';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'tessera'@'%';
GRANT ALL PRIVILEGES ON erp.* TO 'tessera'@'%';
