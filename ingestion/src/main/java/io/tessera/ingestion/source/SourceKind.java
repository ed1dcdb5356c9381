package io.tessera.ingestion.source;

import java.util.Arrays;
import java.util.Optional;

/** The database product of a source, which decides the Debezium connector and how tables are qualified. */
public enum SourceKind {
    /** PostgreSQL, captured by logical decoding ({@code pgoutput}); tables are qualified by schema. */
    POSTGRES("postgres"),
    /** MariaDB, captured from the row-based binlog; tables are qualified by database. */
    MARIADB("mariadb"),
    /**
     * CSV files read in batch by {@code tessera resolve}: no connection and no capture; a table is a file, named by
     * the file name without extension.
     */
    CSV("csv");

    private final String yamlName;

    SourceKind(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The spelling in a mapping file. */
    public String yamlName() {
        return yamlName;
    }

    /** Whether sources of this kind are databases captured by Debezium (they need a connection). */
    public boolean captured() {
        return this != CSV;
    }

    /** The kind spelled {@code name} in a mapping file, if any. */
    public static Optional<SourceKind> fromYaml(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
    }
}
