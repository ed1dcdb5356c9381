package io.tessera.identity.core.normalise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the normalisers' data tables ({@code normalise/**.txt} on the class path): one {@code canonical: variant,
 * variant} entry a line, {@code #} starts a comment. The canonical side is returned as written, so a table may give
 * it a meaning of its own (the street-type tables mark suffixes with {@code ~}).
 */
final class VariantTable {

    /** One entry: the canonical form and its variants, each trimmed, empty ones left out. */
    record Entry(String canonical, List<String> variants) {
    }

    private VariantTable() {
    }

    /**
     * @param what names the table in error messages, e.g. "street-type table"
     */
    static List<Entry> read(String resource, String what) {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = VariantTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The " + what + " " + resource + " is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                int hash = line.indexOf('#');
                String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (content.isEmpty()) {
                    continue;
                }
                int colon = content.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalStateException(resource + " line " + number
                            + ": expected 'canonical: variant, variant'");
                }
                List<String> variants = new ArrayList<>();
                for (String variant : content.substring(colon + 1).split(",")) {
                    if (!variant.isBlank()) {
                        variants.add(variant.strip());
                    }
                }
                entries.add(new Entry(content.substring(0, colon).strip(), List.copyOf(variants)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + what + " " + resource, e);
        }
        return entries;
    }
}
