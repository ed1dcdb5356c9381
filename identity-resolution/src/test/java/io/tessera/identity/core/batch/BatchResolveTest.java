package io.tessera.identity.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.contracts.Address;
import io.tessera.contracts.Attributes;
import io.tessera.contracts.EntityKind;
import io.tessera.contracts.RecordKey;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelParametersJson;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchResolveTest {

    private static final String[] GIVEN = {"ana", "luis", "marta", "jorge", "lucia", "pablo", "elena", "diego"};
    private static final String[] FAMILY = {"garcia", "lopez", "martin", "sanchez", "romero", "navarro", "torres",
        "dominguez", "vazquez", "ramos", "gil", "serrano"};

    /** People with one or two noisy copies, ids in two tables; a decisive passport links two otherwise unlike rows. */
    private static List<SourceRecord> records() {
        Random random = new Random(7);
        List<SourceRecord> records = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String family = FAMILY[random.nextInt(FAMILY.length)] + " " + FAMILY[random.nextInt(FAMILY.length)];
            String dob = String.format("%02d/%02d/%d", 1 + random.nextInt(28), 1 + random.nextInt(12),
                    1940 + random.nextInt(60));
            String postcode = String.format("%05d", 1000 + random.nextInt(50000));
            int copies = 1 + random.nextInt(2);
            for (int c = 0; c <= copies; c++) {
                String g = c == 2 ? given.substring(0, given.length() - 1) : given;
                records.add(new SourceRecord(new RecordKey("s", c == 0 ? "a" : "b", p + "-" + c), EntityKind.PERSON,
                        new Attributes(null, g, family, null, List.of(), List.of(),
                                new Address("Calle " + family + " " + p, postcode, "Madrid", null, "ES"), null, dob,
                                null),
                        null, null));
            }
        }
        records.add(new SourceRecord(new RecordKey("s", "a", "x1"), EntityKind.PERSON,
                new Attributes("Zoe Quintana", null, null, null, null, null, null, null, null,
                        Map.of("passport", "P1234567")), null, null));
        records.add(new SourceRecord(new RecordKey("s", "b", "x2"), EntityKind.PERSON,
                new Attributes(null, null, null, null, null, null, null, null, null,
                        Map.of("passport", "P 1234567")), null, null));
        records.add(new SourceRecord(new RecordKey("s", "b", "empty"), EntityKind.PERSON,
                new Attributes(null, null, null, null, null, null, null, null), null, null));
        return records;
    }

    @Test
    void partitionAndProfileIdsAreDeterministicAndNamedByTheSmallestKey() throws Exception {
        List<SourceRecord> records = records();
        BatchResolve.Result result = new BatchResolve("ES").resolve(records, null);
        List<SourceRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, new Random(1));
        BatchResolve.Result again = new BatchResolve("ES").resolve(shuffled, null);

        assertThat(again.rows()).isEqualTo(result.rows());
        assertThat(result.rows()).hasSize(records.size());
        assertThat(result.unusable()).isEqualTo(1);
        String passportProfile = profileOf(result, "x1");
        assertThat(profileOf(result, "x2")).as("a shared identifier is decisive").isEqualTo(passportProfile);
        assertThat(passportProfile).isEqualTo(UUID.nameUUIDFromBytes(
                "tessera-profile:s/a/x1".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(profileOf(result, "0-1")).isEqualTo(profileOf(result, "0-0"));
        assertThat(profileOf(result, "0-0")).isNotEqualTo(profileOf(result, "1-0"));

        ModelParameters saved = ModelParametersJson.fromJson(ModelParametersJson.toJson(result.parameters()), "p");
        BatchResolve.Result reused = new BatchResolve("ES").resolve(records, saved);
        assertThat(reused.trained()).isFalse();
        assertThat(reused.rows()).isEqualTo(result.rows());

        StringWriter csv = new StringWriter();
        BatchResolve.writeCsv(result.rows(), csv);
        assertThat(csv.toString()).startsWith("source,source_table,source_pk,profile_id\ns,a,0-0,");
    }

    private static String profileOf(BatchResolve.Result result, String pk) {
        return result.rows().stream().filter(r -> r.key().pk().equals(pk)).findFirst().orElseThrow().profileId();
    }
}
