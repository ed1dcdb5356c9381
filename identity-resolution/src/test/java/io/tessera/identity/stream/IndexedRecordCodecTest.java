package io.tessera.identity.stream;

import static io.tessera.identity.core.TestRecords.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.Json;
import io.tessera.identity.core.cluster.IdentityResolver;
import io.tessera.identity.core.cluster.IndexedRecord;
import io.tessera.identity.core.cluster.ResolverSettings;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class IndexedRecordCodecTest {

    private final IdentityResolver resolver = new IdentityResolver(ResolverSettings.of("ES"));
    private final IndexedRecord record = resolver.index(person("7", "José Müller-García",
            List.of("Jose.Muller@Correo.es"), List.of("611 22 33 44"))).withSuppressed(List.of("phone"));

    @Test
    void aRecordReadsBackEqualWithItsSuppressedAttributes() {
        IndexedRecord read = IndexedRecordCodec.decode(IndexedRecordCodec.encode(record));

        assertThat(read).isEqualTo(record);
        assertThat(read.suppressed()).containsExactly("phone");
    }

    @Test
    void theFeaturesAloneAreWhatScoringCompares() {
        assertThat(IndexedRecordCodec.features(IndexedRecordCodec.encode(record)))
                .isEqualTo(record.effective())
                .satisfies(f -> assertThat(f.values()).doesNotContainKey("phone").containsKey("email"));
    }

    @Test
    void aRecordStoredAsJsonByAnEarlierVersionStillReads() throws Exception {
        byte[] json = Json.mapper().writeValueAsBytes(record);

        assertThat(IndexedRecordCodec.decode(json)).isEqualTo(record);
        assertThat(IndexedRecordCodec.features(json)).isEqualTo(record.effective());
    }

    @Test
    void aFormatFromANewerVersionIsRefusedWithAReason() {
        byte[] bytes = IndexedRecordCodec.encode(record);
        bytes[0] = 9;

        assertThatThrownBy(() -> IndexedRecordCodec.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 9");
    }
}
