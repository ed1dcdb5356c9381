package io.tessera.identity.stream;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

/**
 * RocksDB options of the resolution stores ({@link IdentityTopology}), beyond Kafka Streams' defaults. A profile of
 * the stream thread found a quarter of its CPU in RocksDB, most of it seeking the memtables for index keys
 * ({@value IdentityTopology#HOLDERS_STORE}) that hold no record: the email, phone and same-entity keys of a new record,
 * and most of its blocks, are new.
 * <ul>
 *   <li>The index store's keys start with a fixed-length prefix, the keyed hash of the index key and NUL
 *       ({@link ResolutionPrivacy#indexKey}), and it is only ever read by that prefix; with it as RocksDB's prefix,
 *       the bloom filters of the memtables and files answer most of those seeks without searching.</li>
 *   <li>Every store keeps a bloom filter of its memtable's keys, so that reading a key no store holds (the profile of a
 *       new record) does not search the memtables either.</li>
 *   <li>All the stores of the process share one block cache of {@value #BLOCK_CACHE_CONFIG} MiB, instead of 50 MiB
 *       each: the records and index stores, which are read the most, get the room the small stores do not use,
 *       and the total stays bounded. It lives as long as the process.</li>
 * </ul>
 */
public final class StateStoreOptions implements RocksDBConfigSetter {

    /**
     * The Kafka Streams property holding the shared block cache's size in MiB, set from
     * {@code tessera.resolution.block-cache-mb} by {@link IdentityConfig#streamsProperties()}.
     */
    public static final String BLOCK_CACHE_CONFIG = "tessera.identity.block-cache-mb";
    /** The keyed hash of an index key (22 characters) and the NUL after it. */
    static final int INDEX_PREFIX_BYTES = 23;
    private static final double MEMTABLE_BLOOM_RATIO = 0.1;
    /** The shared caches by size in MiB: one in practice, more only when clients in one JVM are configured apart. */
    private static final Map<Long, Cache> CACHES = new HashMap<>();

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(sharedCache(blockCacheMiB(configs)));
        if (storeName.equals(IdentityTopology.HOLDERS_STORE)) {
            options.useFixedLengthPrefixExtractor(INDEX_PREFIX_BYTES);
        }
        options.setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
        options.setMemtableWholeKeyFiltering(true);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The shared cache outlives every store; nothing else here is owned by this class.
    }

    /** The block cache size in MiB given in the Kafka Streams configuration. */
    static long blockCacheMiB(Map<String, Object> configs) {
        Object value = configs.get(BLOCK_CACHE_CONFIG);
        if (value == null) {
            throw new IllegalArgumentException(BLOCK_CACHE_CONFIG + ": missing from the Kafka Streams configuration;"
                    + " IdentityConfig.streamsProperties() sets it");
        }
        return Long.parseLong(value.toString());
    }

    private static Cache sharedCache(long mebibytes) {
        synchronized (CACHES) {
            return CACHES.computeIfAbsent(mebibytes, size -> new LRUCache(size << 20));
        }
    }
}
