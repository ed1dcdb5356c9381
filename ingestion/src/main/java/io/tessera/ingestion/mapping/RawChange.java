package io.tessera.ingestion.mapping;

/**
 * A Debezium change event as text, as the embedded engine's {@code Json} format or Kafka Connect's
 * {@code JsonConverter} produce it, with or without the {@code schema}/{@code payload} wrapper.
 *
 * @param topic the Debezium topic (the embedded engine's destination), e.g. {@code crm.public.res_partner}
 * @param key   the key JSON, or {@code null}
 * @param value the value JSON, or {@code null} for a tombstone
 */
public record RawChange(String topic, String key, String value) {
}
