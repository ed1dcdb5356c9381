package io.tessera.identity.core.blocking;

import io.tessera.identity.core.scoring.Features;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named blocking key: records whose parts all have usable values and agree on every part fall in one block.
 *
 * @param maxBlockSize a block of this key with more records makes no candidates; {@code 0} takes the
 *                     configuration's cap. A loose key (two names' soundex codes) gets a smaller cap than the
 *                     configuration's, so that "Maria Garcia" does not make hundreds of candidates per record.
 */
public record BlockingKey(String name, List<KeyPart> parts, int maxBlockSize) {

    public BlockingKey {
        Objects.requireNonNull(name, "name");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("blocking key '" + name + "' needs at least one part");
        }
        if (maxBlockSize < 0 || maxBlockSize == 1) {
            throw new IllegalArgumentException("blocking key '" + name + "': max block size must be 0 (the"
                    + " configuration's) or at least 2, was " + maxBlockSize);
        }
    }

    public BlockingKey(String name, List<KeyPart> parts) {
        this(name, parts, 0);
    }

    public static BlockingKey of(String name, KeyPart... parts) {
        return new BlockingKey(name, List.of(parts));
    }

    /** The same key with its own block size cap. */
    public BlockingKey capped(int size) {
        return new BlockingKey(name, parts, size);
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
