package io.tessera.identity.core.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The parameters Tessera resolves with until an operator learns parameters on their own data
 * ({@code bin/tessera learn}): estimated by EM, without labels, on synthetic multi-source person records with
 * realistic noise (see {@code identity-resolution/README.md} for how they are produced). Term-frequency tables are
 * left out, since the frequencies of synthetic names say nothing about a company's customers.
 */
public final class DefaultParameters {

    /** Where the parameters live on the class path. */
    public static final String RESOURCE = "/io/tessera/identity/default-parameters.json";

    private static final ModelParameters PARAMETERS = load();

    private DefaultParameters() {
    }

    /** The default parameters. */
    public static ModelParameters get() {
        return PARAMETERS;
    }

    private static ModelParameters load() {
        try (InputStream in = DefaultParameters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default parameters " + RESOURCE
                        + " are missing from the class path; rebuild identity-resolution");
            }
            return ModelParametersJson.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the default parameters " + RESOURCE, e);
        }
    }
}
