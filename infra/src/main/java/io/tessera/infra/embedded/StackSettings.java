package io.tessera.infra.embedded;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to start and where.
 *
 * <p>A port of {@code 0} means "pick a free loopback port at start"; the chosen ports are reported by
 * {@link EmbeddedStack#endpoints()}. Only the servers in {@code components} are started: a test may want only the
 * databases, and the product runs without the demo sources when it reads from external source databases.
 *
 * @param workDir             directory that holds every server's data, logs and unpacked binaries; a restart on the
 *                            same directory keeps the data
 * @param tesseraPostgresPort port of Tessera's PostgreSQL
 * @param crmPostgresPort     port of the demo CRM PostgreSQL
 * @param erpMariaDbPort      port of the demo ERP MariaDB
 * @param kafkaPort           port of Kafka's PLAINTEXT client listener
 * @param elasticsearchPort   HTTP port of Elasticsearch
 * @param components          the servers to start
 */
public record StackSettings(
        Path workDir,
        int tesseraPostgresPort,
        int crmPostgresPort,
        int erpMariaDbPort,
        int kafkaPort,
        int elasticsearchPort,
        Set<StackComponent> components) {

    public StackSettings {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(components, "components");
        workDir = workDir.toAbsolutePath().normalize();
        // An EnumSet keeps the declaration order, which is the order servers are listed and stopped in.
        components = Collections.unmodifiableSet(components.isEmpty()
                ? EnumSet.noneOf(StackComponent.class) : EnumSet.copyOf(components));
        checkPort(StackComponent.TESSERA_POSTGRES, tesseraPostgresPort);
        checkPort(StackComponent.CRM_POSTGRES, crmPostgresPort);
        checkPort(StackComponent.ERP_MARIADB, erpMariaDbPort);
        checkPort(StackComponent.KAFKA, kafkaPort);
        checkPort(StackComponent.ELASTICSEARCH, elasticsearchPort);
    }

    /**
     * The product's settings: every server on its fixed default port ({@link StackComponent#defaultPort()}), unless
     * the environment variable {@link StackComponent#portEnvVar()} (e.g. {@code TESSERA_PG_PORT}) says otherwise.
     */
    public static StackSettings defaults(Path workDir) {
        return defaults(workDir, System.getenv());
    }

    /**
     * As {@link #defaults(Path)}, reading the port variables from {@code environment}.
     *
     * @throws IllegalArgumentException if a variable is not a port number; the message names the variable
     */
    public static StackSettings defaults(Path workDir, Map<String, String> environment) {
        return new StackSettings(workDir,
                portFrom(environment, StackComponent.TESSERA_POSTGRES),
                portFrom(environment, StackComponent.CRM_POSTGRES),
                portFrom(environment, StackComponent.ERP_MARIADB),
                portFrom(environment, StackComponent.KAFKA),
                portFrom(environment, StackComponent.ELASTICSEARCH),
                EnumSet.allOf(StackComponent.class));
    }

    /** For tests: every server on a free port picked at start, so parallel runs do not collide. */
    public static StackSettings ephemeral(Path workDir) {
        return new StackSettings(workDir, 0, 0, 0, 0, 0, EnumSet.allOf(StackComponent.class));
    }

    /** The configured port of {@code component} ({@code 0} = pick a free one). */
    public int port(StackComponent component) {
        return switch (component) {
            case TESSERA_POSTGRES -> tesseraPostgresPort;
            case CRM_POSTGRES -> crmPostgresPort;
            case ERP_MARIADB -> erpMariaDbPort;
            case KAFKA -> kafkaPort;
            case ELASTICSEARCH -> elasticsearchPort;
        };
    }

    /** Whether {@code component} is started. */
    public boolean enabled(StackComponent component) {
        return components.contains(component);
    }

    /** A copy with {@code component} on {@code port} ({@code 0} = pick a free one). */
    public StackSettings withPort(StackComponent component, int port) {
        return new StackSettings(workDir,
                component == StackComponent.TESSERA_POSTGRES ? port : tesseraPostgresPort,
                component == StackComponent.CRM_POSTGRES ? port : crmPostgresPort,
                component == StackComponent.ERP_MARIADB ? port : erpMariaDbPort,
                component == StackComponent.KAFKA ? port : kafkaPort,
                component == StackComponent.ELASTICSEARCH ? port : elasticsearchPort,
                components);
    }

    /** A copy that starts exactly {@code selected}. */
    public StackSettings only(StackComponent... selected) {
        return withComponents(Set.of(selected));
    }

    /** A copy that does not start {@code excluded}. */
    public StackSettings without(StackComponent... excluded) {
        EnumSet<StackComponent> remaining = EnumSet.allOf(StackComponent.class);
        remaining.retainAll(components);
        Arrays.asList(excluded).forEach(remaining::remove);
        return withComponents(remaining);
    }

    /** A copy that starts exactly {@code selected}. */
    public StackSettings withComponents(Set<StackComponent> selected) {
        return new StackSettings(workDir, tesseraPostgresPort, crmPostgresPort, erpMariaDbPort, kafkaPort,
                elasticsearchPort, selected);
    }

    /** A copy using another working directory. */
    public StackSettings withWorkDir(Path otherWorkDir) {
        return new StackSettings(otherWorkDir, tesseraPostgresPort, crmPostgresPort, erpMariaDbPort, kafkaPort,
                elasticsearchPort, components);
    }

    private static int portFrom(Map<String, String> environment, StackComponent component) {
        String value = environment.get(component.portEnvVar());
        if (value == null || value.isBlank()) {
            return component.defaultPort();
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException("out of range");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(component.portEnvVar() + "=" + value + " is not a port number for "
                    + component.displayName() + ": use a number from 1 to 65535, or unset it to use "
                    + component.defaultPort() + ".", e);
        }
    }

    private static void checkPort(StackComponent component, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Port " + port + " for " + component.displayName()
                    + " is out of range: use 1 to 65535, or 0 to pick a free port.");
        }
    }
}
