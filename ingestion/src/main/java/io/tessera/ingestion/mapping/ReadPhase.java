package io.tessera.ingestion.mapping;

/** How a row reached Tessera: read by the initial snapshot, or streamed from the change log. */
public enum ReadPhase {
    /** Read by a snapshot (Debezium operation {@code r}). */
    SNAPSHOT,
    /** The last row of the snapshot; what follows is streamed. */
    SNAPSHOT_LAST,
    /** Streamed from the write-ahead log or binlog (operations {@code c}, {@code u}, {@code d}). */
    STREAMING
}
