package io.tessera.infra.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the Elasticsearch distribution zip (a Maven artifact) and unpacks it once into the working directory.
 *
 * <p>The zip is looked up, in order, at the system property {@value #ZIP_PROPERTY}, the environment variable
 * {@value #ZIP_ENV}, then the local Maven repository ({@code ~/.m2/repository/...}).
 */
final class ElasticsearchDistribution {

    static final String VERSION = "9.5.4";
    static final String ZIP_PROPERTY = "tessera.elasticsearch.zip";
    static final String ZIP_ENV = "TESSERA_ELASTICSEARCH_ZIP";
    static final String DIRECTORY = "elasticsearch-" + VERSION;
    private static final String COORDINATES =
            "org.elasticsearch.distribution.integ-test-zip:elasticsearch:" + VERSION + ":zip";
    private static final String UNPACKED_MARKER = ".tessera-unpacked";

    private ElasticsearchDistribution() {
    }

    /** The zip to use, looked up in the system properties, the environment and the user's Maven repository. */
    static Path locateZip() {
        return locateZip(System::getProperty, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Path locateZip(UnaryOperator<String> systemProperties, Map<String, String> environment, Path userHome) {
        String property = systemProperties.apply(ZIP_PROPERTY);
        if (property != null && !property.isBlank()) {
            return requireFile(Path.of(property), "the system property " + ZIP_PROPERTY);
        }
        String env = environment.get(ZIP_ENV);
        if (env != null && !env.isBlank()) {
            return requireFile(Path.of(env), "the environment variable " + ZIP_ENV);
        }
        Path inMavenRepository = userHome.resolve(Path.of(".m2", "repository", "org", "elasticsearch", "distribution",
                "integ-test-zip", "elasticsearch", VERSION, "elasticsearch-" + VERSION + ".zip"));
        if (Files.isRegularFile(inMavenRepository)) {
            return inMavenRepository;
        }
        throw new StackStartException(StackComponent.ELASTICSEARCH, "Elasticsearch cannot start: its distribution"
                + " zip (" + COORDINATES + ") is not at " + inMavenRepository + ". " + howToGetIt());
    }

    /**
     * The distribution's home directory under {@code workDir}, unpacked from {@code zip} unless an earlier start
     * unpacked it completely.
     */
    static Path unpackOnce(Path zip, Path workDir) throws IOException {
        Path home = workDir.resolve(DIRECTORY);
        if (Files.exists(home.resolve(UNPACKED_MARKER))) {
            return home;
        }
        // Unpack next to the target and move it in place, so an interrupted unpack is never mistaken for a whole one.
        Path staging = workDir.resolve("." + DIRECTORY + ".unpacking");
        deleteRecursively(staging);
        deleteRecursively(home);
        Files.createDirectories(staging);
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Refusing zip entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path unpacked = staging.resolve(DIRECTORY);
        if (!Files.isDirectory(unpacked.resolve("bin"))) {
            throw new IOException(zip + " does not contain " + DIRECTORY + "/bin: is it the Elasticsearch " + VERSION
                    + " distribution zip? " + howToGetIt());
        }
        // java.util.zip does not restore Unix permissions; only the launch scripts need the executable bit.
        try (Stream<Path> scripts = Files.list(unpacked.resolve("bin"))) {
            for (Path script : scripts.toList()) {
                if (!script.toFile().setExecutable(true, false)) {
                    throw new IOException("Cannot make " + script + " executable");
                }
            }
        }
        Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
        deleteRecursively(staging);
        Files.createFile(home.resolve(UNPACKED_MARKER));
        return home;
    }

    static String howToGetIt() {
        return "Fetch it into the local Maven repository with `./mvnw -pl infra dependency:get -Dartifact="
                + COORDINATES + " -Dtransitive=false` (building the infra module also fetches it), or point the"
                + " system property " + ZIP_PROPERTY + " or the environment variable " + ZIP_ENV + " at the zip.";
    }

    private static Path requireFile(Path zip, String source) {
        if (!Files.isRegularFile(zip)) {
            throw new StackStartException(StackComponent.ELASTICSEARCH, "Elasticsearch cannot start: " + source
                    + " points at " + zip + ", which is not a file. " + howToGetIt());
        }
        return zip;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
