package io.tessera.ingestion.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tessera.ingestion.source.InvalidMappingException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads and validates a mapping file (YAML; the format is described in {@code ingestion/README.md}).
 *
 * <p>Every string value may reference environment variables as {@code ${NAME}} or {@code ${NAME:default}}
 * ({@code $${} is a literal {@code ${}}); the loader resolves them through the function it was built with
 * ({@link #fromEnvironment()} uses {@link System#getenv(String)}). A caller that knows better (an embedded stack
 * that picked its ports) overrides connections afterwards with {@link SourceCatalog#withConnection}.
 *
 * <p>Validation is complete at load: unknown keys, missing keys, unknown attribute names, bad kinds and types are
 * all reported together in one {@link InvalidMappingException} naming file, line, column and key.
 */
public final class SourceCatalogLoader {

    private final Function<String, String> environment;

    private SourceCatalogLoader(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** A loader that resolves {@code ${NAME}} from the process environment. */
    public static SourceCatalogLoader fromEnvironment() {
        return new SourceCatalogLoader(System::getenv);
    }

    /** A loader that resolves {@code ${NAME}} from {@code variables} only (tests, or configuration from elsewhere). */
    public static SourceCatalogLoader withVariables(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return new SourceCatalogLoader(copy::get);
    }

    /** A loader that resolves {@code ${NAME}} with {@code lookup} (returning {@code null} for unknown names). */
    public static SourceCatalogLoader withLookup(Function<String, String> lookup) {
        return new SourceCatalogLoader(lookup);
    }

    /** Loads a mapping file from disk. */
    public SourceCatalog load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(file.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mapping file " + file, e);
        }
    }

    /** Loads a mapping file from the class path, e.g. {@code mappings/demo.yaml}. */
    public SourceCatalog loadResource(String resource) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            in = SourceCatalogLoader.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalArgumentException("No mapping resource '" + resource + "' on the class path");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return load(resource, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mapping resource " + resource, e);
        }
    }

    /** Loads mapping text; {@code origin} names it in messages. */
    public SourceCatalog parse(String origin, String yaml) {
        try {
            return load(origin, new StringReader(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read mapping text " + origin, e);
        }
    }

    private SourceCatalog load(String origin, Reader reader) throws IOException {
        List<YamlTree.SyntaxProblem> syntax = new ArrayList<>();
        YamlTree.Node root;
        try {
            root = YamlTree.parse(reader, syntax);
        } catch (JsonProcessingException e) {
            YamlTree.Pos at = e.getLocation() == null ? new YamlTree.Pos(0, 0) : YamlTree.Pos.of(e.getLocation());
            Problem problem = new Problem(origin, at.line(), at.column(), "(file)",
                    "not valid YAML: " + e.getOriginalMessage() + "; fix the syntax (indentation, quotes, colons)");
            throw new InvalidMappingException(List.of(problem), e);
        }
        CatalogBinder binder = new CatalogBinder(origin, environment);
        syntax.forEach(p -> binder.problem(p.at(), p.key(), p.message()));
        SourceCatalog catalog = binder.bind(root);
        if (!binder.problems().isEmpty()) {
            throw new InvalidMappingException(binder.problems());
        }
        return catalog;
    }
}
