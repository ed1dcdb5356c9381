package io.tessera.ingestion.source;

/**
 * Per-source settings of the change capture that are not part of the connection.
 *
 * @param slot        PostgreSQL replication slot name (unused for MariaDB)
 * @param publication PostgreSQL publication name (unused for MariaDB)
 * @param serverId    MariaDB replica server id, distinct from the server's and from every other replica (unused for PostgreSQL)
 * @param heartbeatTable PostgreSQL {@code schema.table} that capture writes a heartbeat row to, so that the replication
 *                    slot moves on while the captured tables are quiet and others fill the WAL; {@code null} for none
 */
public record CaptureOptions(String slot, String publication, long serverId, String heartbeatTable) {

    /** Options without a heartbeat table. */
    public CaptureOptions(String slot, String publication, long serverId) {
        this(slot, publication, serverId, null);
    }

    /** These options with a heartbeat table ({@code schema.table}), or none for {@code null}. */
    public CaptureOptions withHeartbeatTable(String table) {
        return new CaptureOptions(slot, publication, serverId, table);
    }

    /** Lowest server id Tessera derives; ids below are commonly used by real replicas. */
    static final long DERIVED_SERVER_ID_BASE = 5_400;

    /**
     * The defaults for a source: slot and publication {@code tessera_<name>} (PostgreSQL identifiers allow
     * only lower-case letters, digits and underscores), a server id derived from the name so that it is stable.
     */
    public static CaptureOptions defaultsFor(String sourceName) {
        String identifier = "tessera_" + sourceName.replace('-', '_');
        return new CaptureOptions(identifier, identifier, DERIVED_SERVER_ID_BASE + Math.floorMod(sourceName.hashCode(), 10_000));
    }
}
