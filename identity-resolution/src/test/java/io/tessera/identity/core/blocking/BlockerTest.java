package io.tessera.identity.core.blocking;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.identity.core.scoring.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockerTest {

    private static Features record(String id, String surname, String dob) {
        var values = new java.util.HashMap<String, String>();
        values.put("surname", surname);
        values.put("dob", dob);
        return new Features(id, values);
    }

    @Test
    void pairsSharingAnyKeyAreCandidatesOnce() {
        BlockingConfig config = new BlockingConfig(List.of(
                BlockingKey.of("surname", KeyPart.soundex("surname")),
                BlockingKey.of("dob-year", KeyPart.year("dob"))), 10, BlockingConfig.DEFAULT_BLOCKED);
        List<Features> records = List.of(record("0", "smith", "1970-01-01"), record("1", "smyth", "1970-02-02"),
                record("2", "jones", "1980-01-01"));

        BlockingResult result = new Blocker(config).candidates(records);

        assertThat(result.pairCount()).isEqualTo(1);
        assertThat(List.of(result.left(0), result.right(0))).containsExactly(0, 1);
    }

    @Test
    void placeholdersAndMissingValuesNeverFormABlock() {
        BlockingConfig config = new BlockingConfig(List.of(BlockingKey.of("surname", KeyPart.value("surname"))), 10,
                Set.of("unknown"));
        List<Features> records = List.of(record("0", "unknown", null), record("1", "unknown", null),
                record("2", null, null), record("3", null, null));

        assertThat(new Blocker(config).candidates(records).pairCount()).isZero();
    }

    @Test
    void blocksAboveTheCapAreSkippedAndCounted() {
        BlockingConfig config = new BlockingConfig(List.of(BlockingKey.of("surname", KeyPart.value("surname"))), 3,
                Set.of());
        List<Features> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            records.add(record("s" + i, "smith", null));
        }
        records.add(record("j0", "jones", null));
        records.add(record("j1", "jones", null));

        BlockingResult result = new Blocker(config).candidates(records);

        assertThat(result.pairCount()).isEqualTo(1);
        assertThat(result.skippedBlocks()).isEqualTo(1);
        assertThat(result.skippedKeyNames()).containsExactly("surname");
    }

    @Test
    void soundexCodesNames() {
        assertThat(KeyTransform.soundex("robert")).isEqualTo("R163");
        assertThat(KeyTransform.soundex("rupert")).isEqualTo("R163");
        assertThat(KeyTransform.soundex("ashcraft")).isEqualTo("A261");
        assertThat(KeyTransform.soundex("tymczak")).isEqualTo("T522");
        assertThat(KeyTransform.soundex("123")).isNull();
    }
}
