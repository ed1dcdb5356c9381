/**
 * The embedded stack: real PostgreSQL, MariaDB, Kafka and Elasticsearch servers started from Maven artifacts on
 * loopback ports, with all their data under one working directory.
 *
 * <p>{@link io.tessera.infra.embedded.EmbeddedStack#start(StackSettings)} is plain Java (no Spring), so the product
 * and the integration tests of every module start it the same way.
 */
package io.tessera.infra.embedded;
