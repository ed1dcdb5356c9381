package io.tessera.contracts;

import org.apache.kafka.common.serialization.Serde;

/** A topic declared once with its name and serdes. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {
}
