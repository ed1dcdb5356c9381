package io.tessera.ingestion.capture;

import io.debezium.embedded.KafkaConnectUtil;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.util.SafeObjectInputStream;

/**
 * Kafka's {@link FileOffsetBackingStore} (same file, same format) that a crash cannot empty.
 *
 * <p>Kafka's store rewrites {@code offsets.dat} in place: it truncates the file, then writes it. A process killed in
 * between leaves an empty or cut-short file, which Kafka's store then loads, without a word, as "no offsets". For a
 * PostgreSQL source with {@code snapshot.mode=initial} that means a new snapshot, after which streaming resumes from
 * the snapshot's position: the rows deleted between the last delivered change and that snapshot are in neither, and
 * their deletes are lost for good (issue #4: 18 CRM deletes never reached {@code tessera.records}). Offsets are
 * flushed after every batch, so a kill just after a batch often lands in that window.
 *
 * <p>This store writes a temporary file next to it, forces it to disk and renames it over {@code offsets.dat}
 * atomically: the file always holds a complete set of offsets, the old or the new. It also refuses to start on a
 * file that is there but cannot be read (left behind by Kafka's store, or damaged), instead of snapshotting again
 * and missing deletes; the source shows the cause, and removing the file is the operator's decision.
 *
 * <p>Debezium creates it by class name ({@code offset.storage}), with the key converter it gives Kafka's store.
 * {@link #connectorPartitions(String)} reflects the offsets loaded at start only; the embedded engine never asks.
 */
public class AtomicFileOffsetBackingStore extends FileOffsetBackingStore {

    private Path file;

    public AtomicFileOffsetBackingStore() {
        super(KafkaConnectUtil.converterForOffsetStore());
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        file = Path.of(config.getString(StandaloneConfig.OFFSET_STORAGE_FILE_FILENAME_CONFIG));
    }

    @Override
    public synchronized void start() {
        checkReadable(file);
        super.start();
    }

    /**
     * Fails when {@code file} exists but holds no complete offsets: Kafka's store would take it for "no offsets".
     */
    static void checkReadable(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file); SafeObjectInputStream objects = new SafeObjectInputStream(in)) {
            if (!(objects.readObject() instanceof Map<?, ?>)) {
                throw damaged(file, null);
            }
        } catch (EOFException | ObjectStreamException | ClassNotFoundException e) {
            throw damaged(file, e);
        } catch (IOException e) {
            throw new ConnectException("Cannot read the capture offsets in " + file + ": " + e.getMessage(), e);
        }
    }

    private static ConnectException damaged(Path file, Exception cause) {
        return new ConnectException("The capture offsets in " + file + " are damaged (empty or cut short), so the "
                + "position this source was read up to is unknown. Remove the file to capture the source again from a "
                + "new snapshot: rows deleted since the last run then stay in Tessera until deleted by hand", cause);
    }

    @Override
    protected void save() {
        Map<byte[], byte[]> raw = new HashMap<>();
        for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
            raw.put(entry.getKey() == null ? null : entry.getKey().array(),
                    entry.getValue() == null ? null : entry.getValue().array());
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 ObjectOutputStream out = new ObjectOutputStream(Channels.newOutputStream(channel))) {
                out.writeObject(raw);
                out.flush();
                // A rename can reach the disk before the data it names: without this, a power cut could still
                // leave an empty file. A kill alone loses nothing written.
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new ConnectException("Cannot replace " + file + " atomically: keep the state directory on a "
                        + "local file system", e);
            }
        } catch (IOException e) {
            throw new ConnectException("Cannot save the capture offsets to " + file, e);
        }
    }
}
