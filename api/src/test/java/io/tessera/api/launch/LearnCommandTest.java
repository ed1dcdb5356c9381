package io.tessera.api.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.identity.core.scoring.ModelParameters;
import io.tessera.identity.core.scoring.ModelParametersJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/tessera learn}: parameters learned once from CSV files, stored as a versioned file, reviewed and given
 * to {@code resolve --params}; a bad or mismatched file stops the run with one line naming file, line and key.
 */
class LearnCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T10:15:30.250Z"), ZoneOffset.UTC);

    private static final String MAPPING = """
            sources:
              - name: shop
                kind: csv
                tables:
                  - table: "*"
                    key: [id]
                    entity: person
                    attributes:
                      given-name: given
                      family-name: family
                      date-of-birth: dob
                      emails: [email]
                      identifiers: {customer_no: cno}
            """;

    private static final String[] GIVEN = {"Ana", "Luis", "Marta", "Jorge", "Lucia", "Pablo", "Elena", "Diego",
        "Sara", "Javier", "Carmen", "Raul", "Irene", "Sergio", "Nuria", "Ivan", "Rosa", "Oscar", "Alba", "Hugo"};
    private static final String[] FAMILY = {"Garcia", "Martinez", "Lopez", "Sanchez", "Perez", "Gomez", "Martin",
        "Jimenez", "Ruiz", "Hernandez", "Diaz", "Moreno", "Alvarez", "Romero", "Navarro", "Torres", "Dominguez",
        "Vazquez", "Ramos", "Gil"};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /**
     * Twenty people, each with a second record that has a typo in the family name and the same customer number;
     * with {@code withNumbers} false the file has no customer number column values at all.
     */
    private static Path customers(Path dir, String name, boolean withNumbers) throws Exception {
        StringBuilder csv = new StringBuilder("id,given,family,dob,email,cno\n");
        int id = 1;
        for (int p = 0; p < GIVEN.length; p++) {
            String given = GIVEN[p];
            String family = FAMILY[p];
            String dob = String.format("19%02d-%02d-%02d", 50 + p, 1 + p % 12, 1 + p);
            String email = given.toLowerCase() + "." + family.toLowerCase() + "@correo.es";
            String cno = withNumbers ? "C" + (1000 + p) : "";
            csv.append(id++).append(',').append(given).append(',').append(family).append(',').append(dob)
                    .append(',').append(email).append(',').append(cno).append('\n');
            String typo = family.substring(0, family.length() - 1) + "z";
            csv.append(id++).append(',').append(given).append(',').append(typo).append(',').append(dob)
                    .append(',').append(p % 2 == 0 ? email : "").append(',').append(cno).append('\n');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv.toString());
        return file;
    }

    private static Path mapping(Path dir) throws Exception {
        Path mapping = dir.resolve("shop.yaml");
        Files.writeString(mapping, MAPPING);
        return mapping;
    }

    @Test
    void learnsOnceAndResolveUsesTheLearnedFile(@TempDir Path dir) throws Exception {
        Path mapping = mapping(dir);
        Path input = customers(dir, "customers.csv", true);
        Path params = dir.resolve("params/shop.json");

        int code = run("learn", "--mapping", mapping.toString(), "--out", params.toString(), input.toString());

        assertThat(code).as(errors()).isZero();
        assertThat(errors()).contains("customers.csv: 40 rows, 40 records, 0 rejected");
        assertThat(output()).contains("Learned parameters by EM from 40 records")
                .contains("lambda (prior that two random records match) = ")
                .containsPattern("given_name +100.0% +exact +\\d\\.\\d{4}")
                .contains("id:customer_no").contains("Wrote " + params).doesNotContain("Garcia");
        ModelParameters learned = ModelParametersJson.read(params);
        assertThat(learned.training()).isEqualTo(new ModelParameters.Training(
                Instant.parse("2025-03-01T10:15:30Z"), 40, List.of("customers.csv")));
        assertThat(Files.readString(params)).contains("\"version\" : 1")
                .contains("\"configuration\" : \"" + learned.configuration() + "\"");
        assertThat(output()).contains(learned.configuration());

        Path predicted = dir.resolve("predicted.csv");
        assertThat(run("resolve", "--mapping", mapping.toString(), "--params", params.toString(), "--out",
                predicted.toString(), input.toString())).as(errors()).isZero();
        assertThat(errors()).contains("Parameters: from " + params + " (learned 2025-03-01T10:15:30Z on 40 records "
                + "of customers.csv)").contains("Resolved 40 records into 20 profiles");
        List<String> rows = Files.readAllLines(predicted);
        assertThat(rows).hasSize(41);
        Map<String, String> profileOfId = new HashMap<>();
        rows.subList(1, rows.size()).forEach(row -> profileOfId.put(row.split(",")[2], row.split(",")[3]));
        for (int p = 0; p < GIVEN.length; p++) {
            assertThat(profileOfId.get(String.valueOf(2 * p + 1))).as("person %d", p)
                    .isEqualTo(profileOfId.get(String.valueOf(2 * p + 2)));
        }
    }

    @Test
    void learnTrainsExactlyAsResolveDoes(@TempDir Path dir) throws Exception {
        Path mapping = mapping(dir);
        Path input = customers(dir, "customers.csv", true);
        Path learned = dir.resolve("learned.json");
        Path saved = dir.resolve("saved.json");

        assertThat(run("learn", "--mapping", mapping.toString(), "--out", learned.toString(), input.toString()))
                .as(errors()).isZero();
        assertThat(run("resolve", "--mapping", mapping.toString(), "--out", dir.resolve("p.csv").toString(),
                "--save-params", saved.toString(), input.toString())).as(errors()).isZero();

        assertThat(Files.readString(saved)).as("resolve records the training too").isEqualTo(
                Files.readString(learned));
    }

    @Test
    void anInvalidParameterFileFailsInOneLineNamingFileLineAndKey(@TempDir Path dir) throws Exception {
        Path mapping = mapping(dir);
        Path input = customers(dir, "customers.csv", true);
        Path params = dir.resolve("params.json");
        assertThat(run("learn", "--mapping", mapping.toString(), "--out", params.toString(), input.toString()))
                .isZero();
        List<String> lines = Files.readAllLines(params);
        int line = 0;
        while (!lines.get(line).contains("\"m\" :")) {
            line++;
        }
        lines.set(line, lines.get(line).replaceFirst("\\[.*]", "\"high\""));
        Files.write(params, lines);
        err.reset();

        int code = run("resolve", "--mapping", mapping.toString(), "--params", params.toString(), "--out",
                dir.resolve("p.csv").toString(), input.toString());

        assertThat(code).isEqualTo(2);
        assertThat(errors()).isEqualTo("tessera: " + params + " line " + (line + 1)
                + ": key 'comparisons[0].m' must be an array of numbers" + System.lineSeparator());
        assertThat(dir.resolve("p.csv")).as("nothing resolved").doesNotExist();
    }

    @Test
    void parametersLearnedForOtherIdentifiersAreRefusedWithTheFix(@TempDir Path dir) throws Exception {
        Path mapping = mapping(dir);
        Path withNumbers = customers(dir, "customers.csv", true);
        Path params = dir.resolve("params.json");
        assertThat(run("learn", "--mapping", mapping.toString(), "--out", params.toString(), withNumbers.toString()))
                .isZero();
        Path withoutNumbers = customers(dir, "web.csv", false);
        err.reset();

        int code = run("resolve", "--mapping", mapping.toString(), "--params", params.toString(), "--out",
                dir.resolve("p.csv").toString(), withoutNumbers.toString());

        assertThat(code).isEqualTo(2);
        String message = errors().lines().filter(l -> l.startsWith("tessera:")).findFirst().orElseThrow();
        assertThat(message).contains("Parameters " + params + " were learned for another configuration")
                .contains("parameters for comparison(s) 'id:customer_no' that the configuration does not have")
                .contains("Re-run bin/tessera learn --mapping " + mapping + " --out " + params);
        assertThat(errors()).doesNotContain("Exception");
    }

    @Test
    void aMissingParameterFileSaysHowToMakeOne(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.json");

        assertThat(run("resolve", "--mapping", mapping(dir).toString(), "--params", missing.toString(), "--out",
                dir.resolve("p.csv").toString(), customers(dir, "customers.csv", true).toString())).isEqualTo(2);
        assertThat(errors()).contains("Parameters " + missing + " do not exist").contains("bin/tessera learn");
    }

    @Test
    void learnReadsTheMappingAsResolveDoes(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, MAPPING.replace("given-name:", "givenname:"));

        assertThat(run("learn", "--mapping", bad.toString(), "--out", dir.resolve("p.json").toString(),
                customers(dir, "customers.csv", true).toString())).isEqualTo(2);
        assertThat(errors()).contains(bad + ":").contains("givenname").doesNotContain("Exception");
        assertThat(dir.resolve("p.json")).doesNotExist();
    }

    @Test
    void learnWithoutRecordsOrArgumentsSaysWhatItNeeds(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "id,given,family,dob,email,cno\n");

        assertThat(run("learn", "--mapping", mapping(dir).toString(), "--out", dir.resolve("p.json").toString(),
                empty.toString())).isEqualTo(2);
        assertThat(errors()).contains("learn needs at least two records to compare; the inputs gave 0");

        assertThat(run("learn", "--mapping", "m.yaml")).isEqualTo(2);
        assertThat(errors()).contains("bin/tessera learn --mapping M.yaml --out params.json");
    }

    @Test
    void theUsageListsLearn() {
        assertThat(run("help")).isZero();
        assertThat(output()).contains("learn --mapping M.yaml --out params.json");
    }
}
