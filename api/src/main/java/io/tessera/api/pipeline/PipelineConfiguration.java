package io.tessera.api.pipeline;

import io.tessera.api.privacy.SuppressionList;
import io.tessera.api.privacy.SuppressionReload;
import io.tessera.identity.stream.IdentityConfig;
import io.tessera.identity.stream.ResolutionPrivacy;
import io.tessera.ingestion.source.SourceCatalog;
import io.tessera.ingestion.source.SourceCatalogLoader;
import io.tessera.projections.privacy.KeyEncryptionKey;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.projections.privacy.TesseraSecrets;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires capture, identity resolution and Tessera's topics from {@link PipelineProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipelineProperties.class)
public class PipelineConfiguration {

    @Bean
    SourceCatalog sourceCatalog(PipelineProperties properties) {
        PipelineProperties.Ingestion ingestion = properties.ingestion();
        if (ingestion.mode() == PipelineProperties.CaptureMode.OFF || ingestion.sources() == null
                || ingestion.sources().isBlank()) {
            return new SourceCatalog("(no sources)", List.of());
        }
        SourceCatalogLoader loader = SourceCatalogLoader.fromEnvironment();
        String location = ingestion.sources();
        SourceCatalog catalog = location.startsWith("classpath:")
                ? loader.loadResource(location.substring("classpath:".length()))
                : loader.load(Path.of(location));
        for (var entry : ingestion.connections().entrySet()) {
            String source = entry.getKey();
            PipelineProperties.ConnectionOverride override = entry.getValue();
            if (catalog.source(source).isEmpty()) {
                throw new IllegalArgumentException("tessera.ingestion.connections." + source + " names no source of "
                        + catalog.origin() + "; its sources are " + catalog.names());
            }
            catalog = catalog.withConnection(source, c -> {
                var changed = c;
                if (override.host() != null || override.port() != null) {
                    changed = changed.withAddress(override.host() == null ? c.host() : override.host(),
                            override.port() == null ? c.port() : override.port());
                }
                if (override.user() != null) {
                    changed = changed.withCredentials(override.user(),
                            override.password() == null ? c.password() : override.password());
                }
                return changed;
            });
        }
        return catalog;
    }

    /**
     * How identity resolution runs, from {@code tessera.resolution.*}: one bean, so that the explain endpoints score
     * with exactly the settings the running resolver uses. A bad parameter file fails the start here.
     */
    @Bean
    IdentityConfig identityConfig(PipelineProperties properties) {
        PipelineProperties.Resolution resolution = properties.resolution();
        IdentityConfig identity = IdentityConfig.defaults(properties.kafka().bootstrapServers(),
                resolution.defaultPhoneRegion(), properties.stateDir().resolve("resolution"));
        if (resolution.cardinalityCap() > 0) {
            identity = identity.withCardinalityCap(resolution.cardinalityCap());
        }
        if (resolution.parameters() != null) {
            identity = identity.withParametersFile(resolution.parameters());
        }
        if (resolution.maxBirthYearsApart() != null) {
            identity = identity.withMaxBirthYearsApart(resolution.maxBirthYearsApart());
        }
        if (resolution.blockCacheMb() != null) {
            identity = identity.withBlockCacheMiB(resolution.blockCacheMb());
        }
        if (resolution.cachedFeatures() != null) {
            identity = identity.withCachedFeatures(resolution.cachedFeatures());
        }
        return identity;
    }

    /**
     * What keeps personal data out of resolution's topics and state in clear: the records' keys, and the resolution
     * key, generated on the first start and kept in table {@code tessera_secret}.
     */
    @Bean
    ResolutionPrivacy resolutionPrivacy(RecordKeyStore keys, JdbcTemplate jdbc, KeyEncryptionKey kek) {
        return new ResolutionPrivacy(keys, TesseraSecrets.stored(jdbc, "resolution-key", kek));
    }

    @Bean
    Pipeline pipeline(PipelineProperties properties, SourceCatalog catalog, IdentityConfig identityConfig,
                      ResolutionPrivacy resolutionPrivacy, RecordKeyStore keys, SuppressionReload suppressions) {
        SuppressionList list = suppressions.list();
        return new Pipeline(properties, catalog, identityConfig, resolutionPrivacy, keys, list, list::hash);
    }
}
