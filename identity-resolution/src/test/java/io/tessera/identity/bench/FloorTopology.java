package io.tessera.identity.bench;

import io.tessera.contracts.SourceRecord;
import io.tessera.contracts.Topics;
import io.tessera.identity.stream.ResolutionPrivacy;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The floor under resolution's throughput on this machine: a topology with the same input, the same store kind
 * (persistent, changelogged, no record cache) and one output per record, that resolves nothing. Each record's JSON
 * is read as resolution reads it, and written to the store {@code writes} times under distinct keys, as resolution
 * writes about ten index, link and profile entries per record. Whatever this reaches, resolution through Kafka
 * Streams on the same machine cannot exceed.
 */
final class FloorTopology {

    private static final String STORE = "floor-store";

    private FloorTopology() {
    }

    static Topology build(int writes, ResolutionPrivacy privacy) {
        Topology topology = new Topology();
        topology.addSource("records", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                Topics.RECORDS.name());
        topology.addProcessor("floor", () -> new Floor(writes, privacy.records().deserializer()), "records");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()), "floor");
        topology.addSink("out", Topics.IDENTITY.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer(),
                "floor");
        return topology;
    }

    private static final class Floor implements Processor<String, byte[], String, byte[]> {

        private final int writes;
        private final Deserializer<SourceRecord> records;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        Floor(int writes, Deserializer<SourceRecord> records) {
            this.writes = writes;
            this.records = records;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            SourceRecord read = records.deserialize(Topics.RECORDS.name(), record.value());
            String key = read.key().asString();
            for (int i = 0; i < writes; i++) {
                store.put(key + '\u0000' + i, record.value());
            }
            context.forward(record);
        }
    }
}
