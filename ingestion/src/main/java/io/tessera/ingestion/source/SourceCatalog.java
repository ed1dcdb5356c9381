package io.tessera.ingestion.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every source of a mapping file. Load one with {@link SourceCatalogLoader}; adjust connections for the
 * environment with {@link #withConnection(String, UnaryOperator)}.
 *
 * @param origin  where the definitions came from (file or resource name), for messages
 * @param sources the sources, names unique
 */
public record SourceCatalog(String origin, List<SourceDefinition> sources) {

    public SourceCatalog {
        sources = List.copyOf(sources);
        Set<String> names = new HashSet<>();
        for (SourceDefinition source : sources) {
            if (!names.add(source.name())) {
                throw new IllegalArgumentException("Source '" + source.name() + "' is defined twice in " + origin);
            }
        }
    }

    /** The sources that Debezium captures (databases), without batch-only sources such as CSV files. */
    public List<SourceDefinition> captured() {
        return sources.stream().filter(s -> s.kind().captured()).toList();
    }

    /** The source named {@code name}, if any. */
    public Optional<SourceDefinition> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The source named {@code name}; fails with the known names when there is none. */
    public SourceDefinition require(String name) {
        return source(name).orElseThrow(() -> new NoSuchElementException(
                "No source '" + name + "' in " + origin + "; known sources: " + names()));
    }

    /** The source names, in file order. */
    public List<String> names() {
        return sources.stream().map(SourceDefinition::name).toList();
    }

    /**
     * This catalog with the connection of one source changed, e.g.
     * {@code catalog.withConnection("crm", c -> c.withAddress("127.0.0.1", pg.getPort()))}.
     * This is the programmatic counterpart of {@code ${VAR:default}} references in the file.
     */
    public SourceCatalog withConnection(String name, UnaryOperator<Connection> change) {
        SourceDefinition target = require(name);
        List<SourceDefinition> changed = new ArrayList<>(sources.size());
        for (SourceDefinition source : sources) {
            changed.add(source == target ? source.withConnection(change.apply(source.connection())) : source);
        }
        return new SourceCatalog(origin, changed);
    }

    /** This catalog with one source replaced by {@code change.apply(source)}. */
    public SourceCatalog withSource(String name, UnaryOperator<SourceDefinition> change) {
        SourceDefinition target = require(name);
        List<SourceDefinition> changed = new ArrayList<>(sources.size());
        for (SourceDefinition source : sources) {
            changed.add(source == target ? change.apply(source) : source);
        }
        return new SourceCatalog(origin, changed);
    }
}
