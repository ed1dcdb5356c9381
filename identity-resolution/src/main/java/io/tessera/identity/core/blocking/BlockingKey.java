package io.tessera.identity.core.blocking;

import io.tessera.identity.core.scoring.Features;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named blocking key: records whose parts all have usable values and agree on every part fall in one block.
 */
public record BlockingKey(String name, List<KeyPart> parts) {

    public BlockingKey {
        Objects.requireNonNull(name, "name");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("blocking key '" + name + "' needs at least one part");
        }
    }

    public static BlockingKey of(String name, KeyPart... parts) {
        return new BlockingKey(name, List.of(parts));
    }

    /**
     * The key of a record, or {@code null} when any part is missing or blocked: a record without a usable value
     * must not share a block with every other such record.
     */
    public String keyOf(Features record, Set<String> blockedValues) {
        StringBuilder key = new StringBuilder(name);
        for (KeyPart part : parts) {
            String value = record.value(part.attribute());
            if (value == null || blockedValues.contains(value)) {
                return null;
            }
            String transformed = part.transform().apply(value, part.length());
            if (transformed == null || transformed.isEmpty() || blockedValues.contains(transformed)) {
                return null;
            }
            key.append('\u0000').append(transformed);
        }
        return key.toString();
    }
}
