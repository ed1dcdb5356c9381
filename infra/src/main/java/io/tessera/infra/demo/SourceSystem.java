package io.tessera.infra.demo;

import java.util.Locale;

/** The two demo source systems. */
public enum SourceSystem {
    /** Odoo-style CRM on PostgreSQL, database {@code crm}. */
    CRM,
    /** ERPNext-style ERP on MariaDB, database {@code erp}. */
    ERP;

    /** The source name Tessera's ingestion uses for this system: {@code crm} or {@code erp}. */
    public String sourceName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
