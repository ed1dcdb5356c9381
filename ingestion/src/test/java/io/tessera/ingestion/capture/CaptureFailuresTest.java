package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.tessera.ingestion.source.SourceDefinition;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Hints for the messages PostgreSQL 18, MariaDB 11.4, their JDBC drivers and Debezium 3.5 give (as observed). */
class CaptureFailuresTest {

    private static final String PASSWORD = "Very-Secret-1";

    private static final SourceCatalog CATALOG = SourceCatalogLoader.withVariables(Map.of()).parse("test.yaml", """
            sources:
              - name: crm
                kind: postgres
                connection: {host: crm-db, port: 5432, database: crm, user: capture, password: "%1$s"}
                tables:
                  - table: public.res_partner
                    key: [id]
                    entity: person
                    attributes: {full-name: name}
                  - table: sales.lead
                    key: [id]
                    entity: person
                    attributes: {full-name: name}
              - name: erp
                kind: mariadb
                connection: {host: erp-db, port: 3306, database: erp, user: capture, password: "%1$s"}
                tables:
                  - table: erp.tabCustomer
                    key: [name]
                    entity: company
                    attributes: {full-name: customer_name}
            """.formatted(PASSWORD));
    private static final SourceDefinition CRM = CATALOG.require("crm");
    private static final SourceDefinition ERP = CATALOG.require("erp");

    private static final String UNREACHABLE = "cannot reach crm-db:5432 of source crm: check that the database runs "
            + "and the connection settings";
    private static final String PG_LOGIN = "the database refused the login of user capture: check the user and "
            + "password of source crm";
    private static final String REPLICATION = "user capture lacks the REPLICATION attribute: "
            + "ALTER ROLE capture WITH REPLICATION;";
    private static final String MARIADB_GRANTS = "user capture lacks replication privileges: GRANT SELECT, RELOAD, "
            + "SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'capture'@'%';";

    @Test
    void aRefusedConnectionNamesHostAndPort() {
        String message = "Connector configuration is not valid. Error while validating connector config: Connection to "
                + "crm-db:5432 refused. Check that the hostname and port are correct and that the postmaster is "
                + "accepting TCP/IP connections.";
        assertThat(CaptureFailures.describe(CRM, new RuntimeException(message), null))
                .isEqualTo(UNREACHABLE + CaptureFailures.CAUSE + message);
        assertThat(CaptureFailures.hint(ERP, new RuntimeException("Socket fail to connect to "
                + "address=(host=erp-db)(port=3306)(type=primary). Connection refused"), null))
                .isEqualTo("cannot reach erp-db:3306 of source erp: check that the database runs and the connection settings");
    }

    @Test
    void anUnknownHostOrATimeoutIsUnreachableToo() {
        assertThat(CaptureFailures.hint(CRM, new RuntimeException("The connection attempt failed.",
                new UnknownHostException("crm-db")), null)).isEqualTo(UNREACHABLE);
        assertThat(CaptureFailures.hint(CRM, new RuntimeException("The connection attempt failed.",
                new SocketTimeoutException("Connect timed out")), null)).isEqualTo(UNREACHABLE);
    }

    @Test
    void aRefusedLoginAsksToCheckUserAndPassword() {
        assertThat(CaptureFailures.hint(CRM, new RuntimeException("Connector configuration is not valid. Error while "
                + "validating connector config: FATAL: password authentication failed for user \"capture\""), null))
                .isEqualTo(PG_LOGIN);
        assertThat(CaptureFailures.hint(ERP, new RuntimeException("Connector configuration is not valid. Unable to "
                + "connect: (conn=5) Access denied for user 'capture'@'10.0.0.7' (using password: YES)"), null))
                .isEqualTo("the database refused the login of user capture: check the user and password of source erp");
    }

    @Test
    void aRoleWithoutReplicationIsToldToAlterTheRole() {
        // PostgreSQL 18 as observed, then the older wording.
        assertThat(CaptureFailures.hint(CRM, new RuntimeException("io.debezium.DebeziumException: Creation of "
                + "replication slot failed", new RuntimeException("FATAL: permission denied to start WAL sender")), null))
                .isEqualTo(REPLICATION);
        assertThat(CaptureFailures.hint(CRM, null,
                "FATAL: must be superuser or replication role to start walsender")).isEqualTo(REPLICATION);
    }

    @Test
    void missingTablePrivilegesAreGrantedOnTheCapturedTables() {
        assertThat(CaptureFailures.hint(CRM, new RuntimeException("ERROR: permission denied for table res_partner"), null))
                .isEqualTo("user capture cannot read the captured tables: GRANT USAGE ON SCHEMA public, sales TO capture; "
                        + "GRANT SELECT ON public.res_partner, sales.lead TO capture;");
        assertThat(CaptureFailures.hint(CRM, new RuntimeException("FATAL: permission denied for database \"crm\""), null))
                .isEqualTo("user capture may not connect to database crm: GRANT CONNECT ON DATABASE crm TO capture;");
        assertThat(CaptureFailures.hint(CRM, new RuntimeException("ERROR: must be owner of table res_partner"), null))
                .isEqualTo("user capture must own the captured tables to create the publication tessera_crm; or create "
                        + "it as their owner: CREATE PUBLICATION tessera_crm FOR TABLE public.res_partner, sales.lead;");
    }

    @Test
    void missingMariaDbPrivilegesGiveTheGrant() {
        // As observed with MariaDB 11.4 and Debezium 3.5: SELECT only, without BINLOG MONITOR, without REPLICATION SLAVE.
        assertThat(CaptureFailures.hint(ERP, new RuntimeException("An exception occurred in the change event producer. "
                + "This connector will be stopped.", new RuntimeException("User does not have the 'LOCK TABLES' "
                + "privilege required to obtain a consistent snapshot by preventing concurrent writes to tables.")), null))
                .isEqualTo(MARIADB_GRANTS);
        assertThat(CaptureFailures.hint(ERP, new RuntimeException("(conn=16) Access denied; you need (at least one of) "
                + "the BINLOG MONITOR privilege(s) for this operation"), null)).isEqualTo(MARIADB_GRANTS);
        assertThat(CaptureFailures.hint(ERP, new RuntimeException("Access denied; you need (at least one of) the "
                + "REPLICATION SLAVE privilege(s) for this operation Error code: 1227; SQLSTATE: 42000."), null))
                .isEqualTo(MARIADB_GRANTS);
        assertThat(CaptureFailures.hint(ERP, new RuntimeException("Access denied for user 'capture'@'%' to database "
                + "'erp'"), null)).isEqualTo(MARIADB_GRANTS);
    }

    @Test
    void aSinkFailureNamesTesserasKafkaNotTheSource() {
        Throwable error = new BatchDelivery.SinkFailedException("The sink did not accept a batch of 3 results: "
                + "Expiring 3 record(s) for tessera.records-0: 120000 ms has passed since batch creation",
                new TimeoutException("Expiring 3 record(s) for tessera.records-0: 120000 ms has passed since batch creation"));
        assertThat(CaptureFailures.describe(CRM, error, null))
                .startsWith("Tessera's Kafka did not accept a batch of source crm: check that the brokers of "
                        + "tessera.kafka.bootstrap-servers run; the batch is read again" + CaptureFailures.CAUSE)
                .contains("120000 ms has passed");
    }

    @Test
    void anythingElseKeepsTheOriginalMessageWithEveryCause() {
        Throwable error = new IllegalStateException("Error while processing a batch",
                new IllegalArgumentException("something unexpected"));
        assertThat(CaptureFailures.hint(CRM, error, "engine failed")).isNull();
        assertThat(CaptureFailures.describe(CRM, error, "engine failed"))
                .isEqualTo("engine failed: Error while processing a batch: something unexpected");
        assertThat(CaptureFailures.describe(CRM, null, null)).isEqualTo("unknown failure");
    }

    @Test
    void thePasswordNeverShows() {
        String text = CaptureFailures.describe(CRM, new RuntimeException("Connection to crm-db:5432 refused; password="
                + PASSWORD), null);
        assertThat(text).startsWith(UNREACHABLE).doesNotContain(PASSWORD).contains("password=***");
    }

    @Test
    void aLongMessageIsTruncatedAfterTheHint() {
        StatusTracker tracker = new StatusTracker("crm");
        String text = CaptureFailures.describe(CRM, new RuntimeException("Connection to crm-db:5432 refused. "
                + "x".repeat(2_000)), null);
        tracker.unavailable(text, 1, null);
        assertThat(tracker.snapshot().lastError()).startsWith(UNREACHABLE).hasSize(StatusTracker.MAX_ERROR_LENGTH + 1);
    }
}
