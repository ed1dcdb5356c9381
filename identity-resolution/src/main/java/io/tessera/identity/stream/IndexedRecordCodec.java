package io.tessera.identity.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.contracts.Json;
import io.tessera.contracts.SourceRecord;
import io.tessera.identity.core.cluster.IndexedRecord;
import io.tessera.identity.core.scoring.Features;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The value of the records store: the features first, in a small binary form, then the source record as JSON.
 * Scoring a candidate needs only its features, so {@link #features} reads them without parsing the JSON, which was
 * most of the cost of reading a candidate. Values written as JSON by earlier versions (they start with <code>{</code>)
 * still read.
 *
 * <p>Layout, version 1: byte 1; the features' id; the number of values, then each name and value; the number of
 * suppressed attributes, then each name; the source record's JSON to the end. Strings are a length (int) and
 * UTF-8 bytes.
 */
final class IndexedRecordCodec {

    private static final byte VERSION = 1;
    private static final byte JSON_START = '{';
    private static final ObjectMapper JSON = Json.mapper();

    private IndexedRecordCodec() {
    }

    static byte[] encode(IndexedRecord record) {
        try {
            byte[] json = JSON.writeValueAsBytes(record.record());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + json.length);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                Features features = record.features();
                write(out, features.id());
                out.writeInt(features.values().size());
                for (Map.Entry<String, String> value : features.values().entrySet()) {
                    write(out, value.getKey());
                    write(out, value.getValue());
                }
                out.writeInt(record.suppressed().size());
                for (String name : record.suppressed()) {
                    write(out, name);
                }
                out.write(json);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the record " + record.key(), e);
        }
    }

    /** The whole record. */
    static IndexedRecord decode(byte[] bytes) {
        if (bytes[0] == JSON_START) {
            return legacy(bytes);
        }
        ByteBuffer in = buffer(bytes);
        Features features = readFeatures(in);
        List<String> suppressed = readSuppressed(in);
        SourceRecord record;
        try {
            record = JSON.readValue(bytes, in.position(), in.remaining(), SourceRecord.class);
        } catch (IOException e) {
            throw new SerializationException("Cannot read a stored record: " + e.getMessage(), e);
        }
        return new IndexedRecord(record, features, suppressed);
    }

    /** Only what scoring compares: the features without the suppressed attributes. */
    static Features features(byte[] bytes) {
        if (bytes[0] == JSON_START) {
            return legacy(bytes).effective();
        }
        ByteBuffer in = buffer(bytes);
        Features features = readFeatures(in);
        List<String> suppressed = readSuppressed(in);
        return IndexedRecord.effective(features, suppressed);
    }

    private static ByteBuffer buffer(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != VERSION) {
            throw new SerializationException("A stored record has format version " + version + "; this Tessera reads "
                    + VERSION + ". Resolution state written by a newer Tessera cannot be read by an older one.");
        }
        return in;
    }

    private static Features readFeatures(ByteBuffer in) {
        String id = string(in);
        int count = in.getInt();
        Map<String, String> values = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            values.put(string(in), string(in));
        }
        return new Features(id, values);
    }

    private static List<String> readSuppressed(ByteBuffer in) {
        int count = in.getInt();
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(string(in));
        }
        return names;
    }

    private static IndexedRecord legacy(byte[] bytes) {
        try {
            return JSON.readValue(bytes, IndexedRecord.class);
        } catch (IOException e) {
            throw new SerializationException("Cannot read a stored record: " + e.getMessage(), e);
        }
    }

    private static void write(DataOutputStream out, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }
}
