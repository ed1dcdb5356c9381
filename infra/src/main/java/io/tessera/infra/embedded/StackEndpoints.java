package io.tessera.infra.embedded;

import java.net.URI;

/**
 * Where the servers of a running {@link EmbeddedStack} listen. A server that was not started has no endpoint: its
 * accessor throws {@link IllegalStateException}; ask {@link #has(StackComponent)} first when it is optional.
 *
 * @param tesseraPostgres       Tessera's PostgreSQL, database {@code tessera}
 * @param crmPostgres           the demo CRM's PostgreSQL (a separate server), database {@code crm}; its user owns
 *                              the database and may replicate (pgoutput). It is no superuser, so Debezium needs
 *                              {@code publication.autocreate.mode=filtered} (the default {@code all_tables} needs one)
 * @param erpMariaDb            the demo ERP's MariaDB, database {@code erp}; its user has the grants Debezium's
 *                              MariaDB connector needs
 * @param kafkaBootstrapServers Kafka {@code bootstrap.servers}, e.g. {@code 127.0.0.1:19092}
 * @param elasticsearchUrl      Elasticsearch HTTP base URL, e.g. {@code http://127.0.0.1:19200}
 */
public record StackEndpoints(
        DatabaseEndpoint tesseraPostgres,
        DatabaseEndpoint crmPostgres,
        DatabaseEndpoint erpMariaDb,
        String kafkaBootstrapServers,
        URI elasticsearchUrl) {

    /** Tessera's PostgreSQL. */
    @Override
    public DatabaseEndpoint tesseraPostgres() {
        return require(tesseraPostgres, StackComponent.TESSERA_POSTGRES);
    }

    /** The demo CRM's PostgreSQL. */
    @Override
    public DatabaseEndpoint crmPostgres() {
        return require(crmPostgres, StackComponent.CRM_POSTGRES);
    }

    /** The demo ERP's MariaDB. */
    @Override
    public DatabaseEndpoint erpMariaDb() {
        return require(erpMariaDb, StackComponent.ERP_MARIADB);
    }

    /** Kafka {@code bootstrap.servers}. */
    @Override
    public String kafkaBootstrapServers() {
        return require(kafkaBootstrapServers, StackComponent.KAFKA);
    }

    /** Elasticsearch HTTP base URL. */
    @Override
    public URI elasticsearchUrl() {
        return require(elasticsearchUrl, StackComponent.ELASTICSEARCH);
    }

    /** Whether {@code component} was started, i.e. has an endpoint. */
    public boolean has(StackComponent component) {
        return switch (component) {
            case TESSERA_POSTGRES -> tesseraPostgres != null;
            case CRM_POSTGRES -> crmPostgres != null;
            case ERP_MARIADB -> erpMariaDb != null;
            case KAFKA -> kafkaBootstrapServers != null;
            case ELASTICSEARCH -> elasticsearchUrl != null;
        };
    }

    private static <T> T require(T endpoint, StackComponent component) {
        if (endpoint == null) {
            throw new IllegalStateException(component.displayName()
                    + " is not part of this stack: add StackComponent." + component.name()
                    + " to StackSettings.components to start it.");
        }
        return endpoint;
    }
}
