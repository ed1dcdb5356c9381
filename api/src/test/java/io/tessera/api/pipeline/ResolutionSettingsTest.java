package io.tessera.api.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.identity.stream.IdentityConfig;
import io.tessera.identity.stream.StateStoreOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code tessera.resolution.*} settings reach the resolver that runs. */
class ResolutionSettingsTest {

    private static IdentityConfig configured(PipelineProperties.Resolution resolution) {
        return new PipelineConfiguration().identityConfig(new PipelineProperties(Path.of("target", "state"),
                new PipelineProperties.Kafka("localhost:9092", null, null), null, resolution));
    }

    @Test
    void theBlockCacheSettingSizesTheStoresSharedCacheAndIsCheckedByName() {
        assertThat(configured(new PipelineProperties.Resolution(null, 0, null, null, 64, null)).streamsProperties())
                .containsEntry(StateStoreOptions.BLOCK_CACHE_CONFIG, "64");
        assertThat(configured(new PipelineProperties.Resolution(null, 0, null, null, null, null)).blockCacheMiB())
                .isEqualTo(IdentityConfig.DEFAULT_BLOCK_CACHE_MIB);
        assertThatThrownBy(() -> configured(new PipelineProperties.Resolution(null, 0, null, null, 0, null)))
                .hasMessageStartingWith("tessera.resolution.block-cache-mb");
    }

    @Test
    void theFeaturesCacheSettingIsPassedOnAndCheckedByName() {
        assertThat(configured(new PipelineProperties.Resolution(null, 0, null, null, null, 250_000)).cachedFeatures())
                .isEqualTo(250_000);
        assertThat(configured(new PipelineProperties.Resolution(null, 0, null, null, null, null)).cachedFeatures())
                .isEqualTo(IdentityConfig.DEFAULT_CACHED_FEATURES);
        assertThatThrownBy(() -> configured(new PipelineProperties.Resolution(null, 0, null, null, null, 0)))
                .hasMessageStartingWith("tessera.resolution.cached-features")
                .hasMessageContaining("at least 1");
    }
}
