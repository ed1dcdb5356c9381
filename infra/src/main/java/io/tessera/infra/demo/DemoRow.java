package io.tessera.infra.demo;

import java.util.Objects;

/**
 * Ground truth for one generated source row: which true person it describes.
 *
 * @param system   the source system holding the row
 * @param table    the table, e.g. {@code res_partner} or {@code tabContact}
 * @param pk       the row's primary key as text ({@code res_partner.id} or the Frappe {@code name})
 * @param personId the {@link DemoPerson#id() id} of the true person behind the row
 */
public record DemoRow(SourceSystem system, String table, String pk, int personId) {

    public DemoRow {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(table, "table");
        if (pk == null || pk.isBlank()) {
            throw new IllegalArgumentException("A demo row needs a primary key");
        }
    }
}
