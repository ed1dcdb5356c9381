package io.tessera.identity.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.contracts.privacy.InMemoryRecordKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.internals.BlockBasedTableConfigWithAccessibleCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BloomFilter;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

class StateStoreOptionsTest {

    private static final ResolutionPrivacy PRIVACY = new ResolutionPrivacy(new InMemoryRecordKeys(), new byte[32]);
    private static final Map<String, Object> CONFIGS = Map.of(StateStoreOptions.BLOCK_CACHE_CONFIG, "8");

    @Test
    void theIndexPrefixIsTheStoredFormOfAnIndexKeyAndItsSeparator() {
        assertThat((PRIVACY.indexKey("b\u0001dob\u00011980-01-01") + '\u0000').getBytes(StandardCharsets.UTF_8))
                .hasSize(StateStoreOptions.INDEX_PREFIX_BYTES);
    }

    /** Prefix seeks with the index store's options find exactly the holders, in memtables and files alike. */
    @Test
    void prefixScansOfTheIndexStillFindEveryHolderAndNothingElse(@TempDir Path dir) throws Exception {
        RocksDB.loadLibrary();
        List<String> prefixes = indexPrefixes("key ", 50);
        try (Options options = storeOptions(IdentityTopology.HOLDERS_STORE);
             RocksDB db = RocksDB.open(options, dir.toString());
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int i = 0; i < 40; i++) {
                for (int record = 0; record <= i % 3; record++) {
                    db.put(bytes(prefixes.get(i) + "crm/people/" + record), bytes("crm/people/" + record));
                }
                if (i % 10 == 9) {
                    db.flush(flush);
                }
            }
            for (int i = 0; i < prefixes.size(); i++) {
                List<String> expected = new ArrayList<>();
                for (int record = 0; i < 40 && record <= i % 3; record++) {
                    expected.add("crm/people/" + record);
                }
                assertThat(prefixScan(db, prefixes.get(i))).as("holders of key %d", i).isEqualTo(expected);
            }
        }
    }

    /**
     * A state directory written before these options (Kafka Streams' own: whole-key bloom filters, no prefix
     * extractor) reads the same once reopened with them, and after more writes under them: files of both kinds.
     */
    @Test
    void anIndexWrittenWithoutThePrefixOptionsReadsTheSameWithThem(@TempDir Path dir) throws Exception {
        RocksDB.loadLibrary();
        List<String> prefixes = indexPrefixes("old key ", 30);
        try (Options before = new Options().setCreateIfMissing(true)
                .setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache().setFilterPolicy(new BloomFilter()));
             RocksDB db = RocksDB.open(before, dir.toString());
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int i = 0; i < 20; i++) {
                db.put(bytes(prefixes.get(i) + "crm/people/" + i), bytes("crm/people/" + i));
                if (i == 9) {
                    db.flush(flush);
                }
            }
            db.flush(flush);
        }
        try (Options after = storeOptions(IdentityTopology.HOLDERS_STORE);
             RocksDB db = RocksDB.open(after, dir.toString());
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            for (int i = 0; i < 30; i++) {
                assertThat(prefixScan(db, prefixes.get(i))).as("holders of key %d", i)
                        .isEqualTo(i < 20 ? List.of("crm/people/" + i) : List.of());
            }
            for (int i = 10; i < 30; i++) {
                db.put(bytes(prefixes.get(i) + "erp/customers/" + i), bytes("erp/customers/" + i));
            }
            db.flush(flush);
            for (int i = 0; i < 30; i++) {
                List<String> expected = new ArrayList<>();
                if (i < 20) {
                    expected.add("crm/people/" + i);
                }
                if (i >= 10) {
                    expected.add("erp/customers/" + i);
                }
                assertThat(prefixScan(db, prefixes.get(i))).as("holders of key %d", i).isEqualTo(expected);
            }
        }
    }

    @Test
    void allStoresShareOneBlockCacheOfTheConfiguredSize() {
        try (Options records = storeOptions(IdentityTopology.RECORDS_STORE);
             Options links = storeOptions(IdentityTopology.LINKS_STORE)) {
            assertThat(cacheOf(records)).isNotNull().isSameAs(cacheOf(links));
            assertThat(records.memtablePrefixBloomSizeRatio()).isPositive();
        }
    }

    @Test
    void aMissingCacheSizeIsReportedByItsKey() {
        assertThatThrownBy(() -> StateStoreOptions.blockCacheMiB(Map.of()))
                .hasMessageStartingWith(StateStoreOptions.BLOCK_CACHE_CONFIG);
    }

    /** The stored prefixes (keyed hash and NUL) of the index keys {@code name 0} to {@code name count-1}. */
    private static List<String> indexPrefixes(String name, int count) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            prefixes.add(PRIVACY.indexKey(name + i) + '\u0000');
        }
        return prefixes;
    }

    /** Options as Kafka Streams hands them to the setter: with its own table configuration. */
    private static Options storeOptions(String store) {
        Options options = new Options().setCreateIfMissing(true);
        options.setTableFormatConfig(new BlockBasedTableConfigWithAccessibleCache());
        new StateStoreOptions().setConfig(store, options, CONFIGS);
        return options;
    }

    private static Object cacheOf(Options options) {
        return ((BlockBasedTableConfigWithAccessibleCache) options.tableFormatConfig()).blockCache();
    }

    /** A prefix scan as Kafka Streams does it: seek to the prefix, read up to the prefix's successor. */
    private static List<String> prefixScan(RocksDB db, String prefix) {
        byte[] from = bytes(prefix);
        byte[] to = Arrays.copyOf(from, from.length);
        to[to.length - 1]++;
        List<String> values = new ArrayList<>();
        try (RocksIterator iterator = db.newIterator()) {
            for (iterator.seek(from); iterator.isValid() && Arrays.compareUnsigned(iterator.key(), to) < 0;
                    iterator.next()) {
                values.add(new String(iterator.value(), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
