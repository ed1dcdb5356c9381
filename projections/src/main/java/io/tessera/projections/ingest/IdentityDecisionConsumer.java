package io.tessera.projections.ingest;

import io.tessera.contracts.DeadLetter;
import io.tessera.contracts.IdentityDecision;
import io.tessera.contracts.Topics;
import io.tessera.contracts.privacy.KeysUnavailableException;
import io.tessera.contracts.privacy.RecordKeys;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.projections.profile.api.ApplyIdentityDecision;
import io.tessera.projections.profile.api.StartProfile;
import io.tessera.projections.profile.command.StoredProfiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds identity decisions from {@code tessera.identity} into the Profile aggregates. Offsets are committed only
 * after the commands of a batch succeeded, so a crash replays decisions, which the aggregate applies idempotently.
 * A decision that cannot be read or applied goes to the dead-letter topic with its reason.
 *
 * <p>The decisions of one poll (up to {@value #MAX_BATCH}) are applied in as few transactions as possible: one commit
 * of the event store, one batch insert and one query of which profiles are stored for many decisions instead of one
 * each. Those round trips, not the consumer's own work, set the append rate: with transactions of 50 the consumer
 * thread ran about a fifth of the time, and waited on PostgreSQL (or for a core) the rest. A transaction is cut short
 * only by profiles that must be read back from the store (stored, and not in the aggregate cache): Axon looks for a
 * loaded profile's uncommitted events by scanning all of the unit of work's staged events against each other, so each
 * such load costs the square of the events staged so far. Up to {@value #LOADS_PER_TRANSACTION} of them per
 * transaction keeps that small; profiles started or cached cost nothing there (a poll of 500 new people is one
 * transaction: 1,652 events/s against 1,258 and 1,288 with transactions of 50, on the same loaded machine). Commands
 * to one profile within a transaction see each other's events (Axon keeps the aggregates of the unit of work). If a
 * transaction fails, it is rolled back and its decisions are applied one by one, each in its own transaction, so one
 * bad decision is dead-lettered alone.
 *
 * <p>A decision for a profile the event store holds no event of is sent as {@link StartProfile}, which creates the
 * profile without first querying the store for its (absent) events: one query per poll tells which of its profiles
 * are stored ({@link StoredProfiles}). Most decisions in a bulk load are for new people, and that query per decision
 * cost an eighth of the consumer's time. The one-by-one fallback always loads.
 */
public class IdentityDecisionConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdentityDecisionConsumer.class);
    private static final int ATTEMPTS = 3;
    private static final int MAX_BATCH = 500;
    private static final int LOADS_PER_TRANSACTION = 50;

    private final String bootstrapServers;
    private final String groupId;
    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final StoredProfiles stored;
    private final Cache loadedProfiles;
    private final RecordKeys keys;
    private final Deserializer<IdentityDecision> decisionReader;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile String failure;
    private Thread thread;

    /**
     * @param stored which profiles the event store holds
     * @param loadedProfiles the Profile aggregates' cache: a decision for a profile it holds loads nothing
     * @param keys the keys the decisions' records are sealed with
     */
    public IdentityDecisionConsumer(String bootstrapServers, String groupId, CommandGateway commands,
                                    TransactionManager transactions, StoredProfiles stored, Cache loadedProfiles,
                                    RecordKeys keys) {
        this.stored = stored;
        this.loadedProfiles = loadedProfiles;
        this.keys = keys;
        this.decisionReader = SealedRecords.serde(IdentityDecision.class, keys).deserializer();
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.commands = commands;
        this.transactions = transactions;
    }

    @Override
    public void start() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Resolution writes decisions in transactions: those of a change it did not finish (a crash) are aborted.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_BATCH);
        // An idle fetch waits up to fetch.max.wait.ms (500 by default) even when a decision arrives meanwhile, and a
        // profile change should show well within a second.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        running.set(true);
        thread = Thread.ofPlatform().name("identity-decision-consumer").start(this::run);
    }

    private void run() {
        try (KafkaProducer<String, DeadLetter> deadLetters = deadLetterProducer()) {
            consumer.subscribe(List.of(Topics.IDENTITY.name()));
            while (running.get()) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                List<Received> decisions = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    read(record, deadLetters).ifPresent(decision -> decisions.add(new Received(record, decision)));
                }
                applyAll(decisions, deadLetters);
                if (!batch.isEmpty()) {
                    deadLetters.flush();
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            log.error("The identity decision consumer stopped; profiles no longer follow resolution", e);
            throw e;
        } finally {
            consumer.close();
        }
    }

    /** A decision with the Kafka record it came in. */
    private record Received(ConsumerRecord<String, byte[]> record, IdentityDecision decision) {
    }

    /** The decision a record holds; empty for a tombstone, or an unreadable record, which is dead-lettered. */
    private Optional<IdentityDecision> read(ConsumerRecord<String, byte[]> record,
                                            KafkaProducer<String, DeadLetter> deadLetters) {
        try {
            return Optional.ofNullable(decisionReader.deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            // Keys out of reach is not the decision's fault: stop rather than lose it to the dead-letter topic.
            KeysUnavailableException.rethrowIfCause(e);
            reject(record, "Unreadable identity decision: " + e.getMessage(), deadLetters);
            return Optional.empty();
        }
    }

    /**
     * Applies the decisions of a poll, in order, in transactions of up to {@value #LOADS_PER_TRANSACTION} decisions
     * that read their profile back from the store, and any number of others.
     */
    private void applyAll(List<Received> decisions, KafkaProducer<String, DeadLetter> deadLetters) {
        Set<String> starting = newProfiles(decisions);
        int from = 0;
        while (from < decisions.size()) {
            Set<String> inTransaction = new HashSet<>();
            int loads = 0;
            int to = from;
            while (to < decisions.size()) {
                String profileId = decisions.get(to).decision().profileId();
                boolean loading = !starting.contains(profileId) && !inTransaction.contains(profileId)
                        && !loadedProfiles.containsKey(profileId);
                if (loading && loads == LOADS_PER_TRANSACTION) {
                    break;
                }
                loads += loading ? 1 : 0;
                inTransaction.add(profileId);
                to++;
            }
            applyInOneTransaction(decisions.subList(from, to), starting, deadLetters);
            from = to;
        }
    }

    /**
     * Applies the decisions in one transaction, or one by one if that fails.
     *
     * @param starting the profiles that a {@link StartProfile} may still create; those it creates leave the set
     */
    private void applyInOneTransaction(List<Received> decisions, Set<String> starting,
                                       KafkaProducer<String, DeadLetter> deadLetters) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            batch.attachTransaction(transactions);
            for (Received received : decisions) {
                ApplyIdentityDecision command = command(received.decision());
                // Only the profile's first decision here starts it; later ones find it in the unit of work, or after
                // this transaction, in the cache or the store.
                if (starting.remove(command.profileId())) {
                    commands.sendAndWait(new StartProfile(command));
                } else {
                    commands.sendAndWait(command);
                }
            }
            batch.commit();
            applied.addAndGet(decisions.size());
            return;
        } catch (RuntimeException e) {
            if (batch.isActive()) {
                batch.rollback(e);
            }
            log.warn("Applying {} decisions as one transaction failed; applying them one by one",
                    decisions.size(), e);
        }
        decisions.forEach(received -> applyOne(received, deadLetters));
    }

    /**
     * The profiles whose first decision among these brings records and that the event store holds no event of:
     * those that a {@link StartProfile} can create.
     */
    private Set<String> newProfiles(List<Received> decisions) {
        Set<String> seen = new HashSet<>();
        Set<String> candidates = new HashSet<>();
        for (Received received : decisions) {
            IdentityDecision decision = received.decision();
            if (decision.profileId() != null && seen.add(decision.profileId()) && !decision.retiresProfile()) {
                candidates.add(decision.profileId());
            }
        }
        candidates.removeAll(stored.existing(candidates));
        return candidates;
    }

    private static ApplyIdentityDecision command(IdentityDecision decision) {
        return new ApplyIdentityDecision(decision.profileId(), decision.decisionId(), decision.members(),
                decision.cause(), decision.decidedAt(), decision.mergedFrom(), decision.splitFrom(),
                decision.mergedInto());
    }

    private void applyOne(Received received, KafkaProducer<String, DeadLetter> deadLetters) {
        IdentityDecision decision = received.decision();
        ConsumerRecord<String, byte[]> record = received.record();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                commands.sendAndWait(command(decision));
                applied.incrementAndGet();
                return;
            } catch (RuntimeException e) {
                last = e;
                log.warn("Applying decision {} to profile {} failed (attempt {} of {})", decision.decisionId(),
                        decision.profileId(), attempt, ATTEMPTS, e);
            }
        }
        reject(record, "Applying the decision to profile " + decision.profileId() + " failed: " + last.getMessage(),
                deadLetters);
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason,
                        KafkaProducer<String, DeadLetter> deadLetters) {
        rejected.incrementAndGet();
        log.warn("Decision at {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                Topics.DEAD_LETTER.name(), reason);
        String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        deadLetters.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), record.key(),
                SealedRecords.sealPayload(keys, new DeadLetter("projections", record.topic(), record.key(), reason,
                        payload, Instant.now()))));
    }

    private KafkaProducer<String, DeadLetter> deadLetterProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                Topics.DEAD_LETTER.valueSerde().serializer());
    }

    /** Why the consumer stopped on its own, or null while it runs (or after a regular stop). */
    public String failure() {
        return failure;
    }

    public long appliedCount() {
        return applied.get();
    }

    public long rejectedCount() {
        return rejected.get();
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false) && consumer != null) {
            consumer.wakeup();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    /** Starts after the Axon infrastructure and stops before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
