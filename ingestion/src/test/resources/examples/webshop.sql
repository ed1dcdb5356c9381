-- The web shop's orders as examples/sources/webshop.yaml describes them: WooCommerce's order data (the order, its
-- billing and shipping address) flattened into one PostgreSQL table.
CREATE TABLE orders (
  id                  bigserial PRIMARY KEY,
  status              varchar(20) NOT NULL DEFAULT 'pending',
  currency            char(3) NOT NULL,
  total               numeric(12, 2) NOT NULL,
  customer_id         bigint,
  billing_email       varchar(320),
  billing_first_name  varchar(100),
  billing_last_name   varchar(100),
  billing_company     varchar(100),
  billing_phone       varchar(40),
  billing_address_1   varchar(200),
  billing_address_2   varchar(200),
  billing_city        varchar(100),
  billing_state       varchar(100),
  billing_postcode    varchar(20),
  billing_country     char(2),
  shipping_first_name varchar(100),
  shipping_last_name  varchar(100),
  shipping_address_1  varchar(200),
  shipping_address_2  varchar(200),
  shipping_city       varchar(100),
  shipping_postcode   varchar(20),
  shipping_country    char(2),
  payment_method      varchar(100),
  customer_note       text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_billing_email ON orders (billing_email);
CREATE INDEX orders_customer_id ON orders (customer_id);
-- What examples/sources/webshop.yaml asks of the database.
ALTER TABLE orders REPLICA IDENTITY FULL;
CREATE TABLE tessera_heartbeat (id int PRIMARY KEY, beat timestamptz NOT NULL);
