package io.tessera.infra.embedded;

/**
 * One server of the embedded stack, with the fixed port the product uses by default and the environment variable
 * that moves it.
 */
public enum StackComponent {

    /** Tessera's own PostgreSQL: event store and read models. */
    TESSERA_POSTGRES("Tessera PostgreSQL", 15432, "TESSERA_PG_PORT"),

    /** A separate PostgreSQL server that plays the demo CRM source system. */
    CRM_POSTGRES("CRM PostgreSQL (demo source)", 15433, "TESSERA_CRM_PORT"),

    /** A MariaDB server that plays the demo ERP source system, with a binlog for CDC. */
    ERP_MARIADB("ERP MariaDB (demo source)", 13306, "TESSERA_ERP_PORT"),

    /** A single-node KRaft Kafka broker (broker and controller in one), running inside this JVM. */
    KAFKA("Kafka", 19092, "TESSERA_KAFKA_PORT"),

    /** A single-node Elasticsearch, run as a child process. */
    ELASTICSEARCH("Elasticsearch", 19200, "TESSERA_ES_PORT");

    private final String displayName;
    private final int defaultPort;
    private final String portEnvVar;

    StackComponent(String displayName, int defaultPort, String portEnvVar) {
        this.displayName = displayName;
        this.defaultPort = defaultPort;
        this.portEnvVar = portEnvVar;
    }

    /** Name used in log lines and error messages. */
    public String displayName() {
        return displayName;
    }

    /** Port used by {@link StackSettings#defaults(java.nio.file.Path)} when the environment does not move it. */
    public int defaultPort() {
        return defaultPort;
    }

    /** Environment variable read by {@link StackSettings#defaults(java.nio.file.Path)} for this server's port. */
    public String portEnvVar() {
        return portEnvVar;
    }
}
