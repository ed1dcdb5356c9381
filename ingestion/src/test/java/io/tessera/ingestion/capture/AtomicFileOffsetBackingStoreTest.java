package io.tessera.ingestion.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.debezium.embedded.KafkaConnectUtil;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture's offsets survive a SIGKILL at any moment (issue #4). Kafka's {@code FileOffsetBackingStore} truncates
 * {@code offsets.dat} before writing it: killed in between, it leaves a file that reads as "no offsets", and
 * Debezium snapshots the source again, missing the deletes made since. A child JVM that saves offsets without pause
 * is killed at random moments; each time the file must still hold the offsets of a save, never fewer than the last
 * kill found. With {@code -Doffsets.store=kafka} the first test runs on Kafka's store instead and fails: most kills
 * leave an empty or cut-short file, which it reads as no offsets.
 */
class AtomicFileOffsetBackingStoreTest {

    private static final String PARTITION = "[\"tessera-crm\",{\"server\":\"crm\"}]";
    private static final int KILLS = 10;
    /** {@code atomic}, or {@code kafka} to see Kafka's own store fail the same test. */
    private static final String STORE = System.getProperty("offsets.store", "atomic");

    @TempDir
    Path dir;

    @Test
    void offsetsSavedWithoutPauseSurviveKillsAtRandomMoments() throws Exception {
        Path file = dir.resolve("offsets.dat");
        Random random = new Random();
        long previous = -1;
        for (int kill = 1; kill <= KILLS; kill++) {
            Process saver = saver(STORE, file);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(saver.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertThat(line).as("the saver started (kill %d)", kill).isEqualTo("saving");
                Thread.sleep(20 + random.nextInt(300));
            } finally {
                saver.destroyForcibly();
                assertThat(saver.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(saver.exitValue()).as("killed with SIGKILL").isEqualTo(137);

            Long saved = load(STORE, file);
            assertThat(saved).as("offsets after kill %d of %d (file of %d bytes)", kill, KILLS,
                    Files.exists(file) ? Files.size(file) : -1).isNotNull();
            assertThat(saved).as("offsets after kill %d", kill).isGreaterThanOrEqualTo(previous);
            previous = saved;
        }
        assertThat(previous).as("the savers saved at all").isGreaterThan(0);
    }

    @Test
    void aMissingFileIsNoOffsetsButADamagedOneStopsTheStoreFromStarting() throws Exception {
        Path file = dir.resolve("offsets.dat");
        assertThat(load(file)).as("no file yet").isNull();

        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConnectException.class).hasMessageContaining("damaged");

        OffsetBackingStore store = store("atomic", dir.resolve("whole.dat"));
        store.set(Map.of(key(), value(42)), null).get();
        store.stop();
        byte[] whole = Files.readAllBytes(dir.resolve("whole.dat"));
        assertThat(load(dir.resolve("whole.dat"))).isEqualTo(42);
        for (int length : new int[] {4, whole.length / 2, whole.length - 1}) {
            Files.write(file, Arrays.copyOf(whole, length));
            assertThatThrownBy(() -> load(file)).as("cut to %d of %d bytes", length, whole.length)
                    .isInstanceOf(ConnectException.class).hasMessageContaining("damaged");
        }
    }

    private static Long load(Path file) throws Exception {
        return load("atomic", file);
    }

    /** The counter saved in {@code file}, {@code null} when the store has no offsets. */
    private static Long load(String kind, Path file) throws Exception {
        OffsetBackingStore store = store(kind, file);
        try {
            ByteBuffer value = store.get(List.of(key())).get().get(key());
            if (value == null) {
                return null;
            }
            String json = new String(value.array(), StandardCharsets.UTF_8);
            return Long.parseLong(json.replaceAll(".*\"lsn\":(\\d+).*", "$1"));
        } finally {
            store.stop();
        }
    }

    private static OffsetBackingStore store(String kind, Path file) {
        OffsetBackingStore store = kind.equals("kafka") ? KafkaConnectUtil.fileOffsetBackingStore()
                : new AtomicFileOffsetBackingStore();
        store.configure(new StandaloneConfig(Map.of(
                StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG, file.toString(),
                "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter")));
        store.start();
        return store;
    }

    private static ByteBuffer key() {
        return ByteBuffer.wrap(PARTITION.getBytes(StandardCharsets.UTF_8));
    }

    /** An offset the size of a PostgreSQL one, with a counter as its LSN. */
    private static ByteBuffer value(long counter) {
        return ByteBuffer.wrap(("{\"lsn_proc\":" + counter + ",\"messageType\":\"UPDATE\",\"lsn_commit\":" + counter
                + ",\"lsn\":" + counter + ",\"txId\":1127,\"ts_usec\":1795356344091925}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Process saver(String kind, Path file) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"),
                AtomicFileOffsetBackingStoreTest.class.getName(), kind, file.toString()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * The child: saves ever greater offsets into {@code args[1]} with the store {@code args[0]} ({@code atomic} or
     * {@code kafka}), from where the file's offsets left off, until killed; prints {@code saving} after the first.
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        OffsetBackingStore store = store(args[0], file);
        ByteBuffer saved = store.get(List.of(key())).get().get(key());
        long counter = saved == null ? 0 : Long.parseLong(new String(saved.array(), StandardCharsets.UTF_8)
                .replaceAll(".*\"lsn\":(\\d+).*", "$1"));
        store.set(Map.of(key(), value(++counter)), null).get();
        // The file exists now: a kill from here on must leave offsets.
        System.out.println("saving");
        System.out.flush();
        while (true) {
            store.set(Map.of(key(), value(++counter)), null).get();
        }
    }
}
