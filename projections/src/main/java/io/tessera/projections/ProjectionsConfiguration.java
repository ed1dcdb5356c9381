package io.tessera.projections;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.contracts.Json;
import io.tessera.contracts.privacy.SealedRecords;
import io.tessera.projections.ingest.IdentityDecisionConsumer;
import io.tessera.projections.privacy.DestroyedKeysRefresh;
import io.tessera.projections.privacy.KeyEncryptionKey;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.projections.profile.command.LeastRecentlyUsedCache;
import io.tessera.projections.profile.command.Profile;
import io.tessera.projections.profile.command.ProfileCommandTargetResolver;
import io.tessera.projections.profile.command.StoredProfiles;
import io.tessera.projections.profile.golden.Survivorship;
import io.tessera.projections.profile.golden.SurvivorshipProperties;
import io.tessera.projections.profile.query.ProfileProjection;
import io.tessera.projections.profile.query.ProfileReadModel;
import io.tessera.projections.search.ProfileSearchIndex;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.hc.core5.http.HttpHost;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the profile read models, the search index and the feed of identity decisions into the aggregates. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SurvivorshipProperties.class)
public class ProjectionsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionsConfiguration.class);

    /** Axon's messages and events are written with the same JSON mapper as Tessera's topics (Jackson 2). */
    @Bean(name = "defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return Json.mapper();
    }

    /**
     * What the records' keys and Tessera's secrets are stored wrapped with, kept outside the database in
     * {@code tessera.privacy.key-encryption-key-file} (the launcher's default: {@code secrets/key-encryption-key} in
     * Tessera's home, created on the first start).
     */
    @Bean
    KeyEncryptionKey keyEncryptionKey(DataSource dataSource,
                                      @Value("${tessera.privacy.key-encryption-key-file:}") String file) {
        if (file.isBlank()) {
            throw new IllegalStateException("tessera.privacy.key-encryption-key-file is not set: give the file that "
                    + "holds (or, on a first start, will hold) the key that wraps the records' keys, kept apart from "
                    + "the database, e.g. /etc/tessera/secrets/key-encryption-key");
        }
        return KeyEncryptionKey.load(Path.of(file), new JdbcTemplate(dataSource));
    }

    /** The keys of the source records, whose personal data is encrypted in the event store with them. */
    @Bean
    RecordKeyStore recordKeyStore(DataSource dataSource, KeyEncryptionKey kek,
                                  @Value("${tessera.privacy.cached-keys:50000}") int cachedKeys) {
        RecordKeyStore keys = new RecordKeyStore(dataSource, cachedKeys, kek);
        keys.createSchema();
        int wrapped = keys.wrapRawKeys();
        if (wrapped > 0) {
            log.info("Wrapped {} record keys stored raw by an earlier version with the key-encryption key", wrapped);
        }
        return keys;
    }

    /**
     * Every {@code tessera.privacy.key-refresh} (default 10 s), keys destroyed by another instance's erasure are marked
     * destroyed in this instance's cache, so that an erased record is unreadable on every instance within that time;
     * and a key-encryption key rotated on another instance is taken from this instance's file once it holds it.
     */
    @Bean(destroyMethod = "close")
    DestroyedKeysRefresh destroyedKeysRefresh(RecordKeyStore keys,
                                              @Value("${tessera.privacy.key-refresh:10s}") Duration interval) {
        return new DestroyedKeysRefresh(keys, interval);
    }

    /**
     * The events' serializer: the JSON of {@link #defaultAxonObjectMapper()}, with each source record's personal data
     * sealed by the record's key ({@link SealedRecords}). Commands, tokens and snapshots keep the plain mapper.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(RecordKeyStore keys, RevisionResolver revisionResolver) {
        return JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .objectMapper(SealedRecords.mapper(keys))
                .build();
    }

    /*
     * Axon's JDBC auto-configuration orders itself after Spring Boot 3's DataSource auto-configuration class names,
     * which Boot 4 moved; it then finds no DataSource and backs off. The event store and token store are therefore
     * declared here, on Tessera's PostgreSQL.
     */
    /**
     * A read-model handler that fails fails its batch: the batch's transaction, token included, rolls back and the
     * processor retries from the stored token (with back-off) until the database or index takes it. Axon's default
     * logs the failure and goes on with the next event, which would leave the change out of the read model for good.
     */
    @Bean
    ConfigurerModule readModelFailuresRetry() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                ProfileProjection.PROCESSING_GROUP, any -> PropagatingErrorHandler.instance()));
    }

    /**
     * Axon's event store, as its auto-configuration builds it, except how often it looks for events appended by other
     * instances: each second by default, which made a change that another instance appended wait up to a second more
     * before the projection read it. Its own appends wake it at once.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                  @Value("${tessera.projection.store-poll:100ms}") Duration storePoll) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(storePoll.toMillis())
                .build();
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** Axon's default table and column names, shared by the event store and {@link StoredProfiles}. */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder().build();
    }

    /**
     * Events are read 500 at a time (Axon's default is 100), a whole profile-projection batch: a projection that falls
     * more than the embedded store's cache (10,000 events) behind a bulk load reads the store on its own, and each
     * read is a query and a commit of its own.
     */
    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Serializer serializer, EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .schema(eventSchema)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .batchSize(500)
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcTokenStore.builder().connectionProvider(connectionProvider).serializer(serializer).build();
    }

    @Bean
    StoreSchema storeSchema(DataSource dataSource, EventStorageEngine eventStorageEngine, TokenStore tokenStore) {
        StoreSchema schema = new StoreSchema(dataSource, eventStorageEngine, tokenStore);
        schema.create();
        return schema;
    }

    @Bean
    Survivorship survivorship(SurvivorshipProperties properties) {
        return properties.survivorship();
    }

    @Bean
    ProfileReadModel profileReadModel(JdbcTemplate jdbc, StoreSchema schema, Survivorship survivorship) {
        return new ProfileReadModel(jdbc, survivorship);
    }

    @Bean(destroyMethod = "close")
    Rest5Client elasticsearchRestClient(@Value("${tessera.elasticsearch.url}") String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("tessera.elasticsearch.url must be http://host:port, got '" + url + "'");
        }
        return Rest5Client.builder(new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort())).build();
    }

    @Bean
    ElasticsearchClient elasticsearchClient(Rest5Client restClient) {
        return new ElasticsearchClient(new Rest5ClientTransport(restClient, new Jackson3JsonpMapper()));
    }

    @Bean
    ProfileSearchIndex profileSearchIndex(ElasticsearchClient client,
                                          @Value("${tessera.elasticsearch.profile-index:tessera-profiles}") String index) {
        ProfileSearchIndex searchIndex = new ProfileSearchIndex(client, index);
        searchIndex.ensureIndex();
        return searchIndex;
    }

    @Bean
    ProfileProjection profileProjection(ProfileReadModel readModel, ProfileSearchIndex searchIndex,
                                        RecordKeyStore keys) {
        return new ProfileProjection(readModel, searchIndex, keys);
    }

    /**
     * Recently used profiles stay loaded: without a cache, every decision reads the profile's whole event stream back
     * from the event store before it can append to it.
     */
    @Bean(Profile.CACHE)
    Cache profileCache(@Value("${tessera.projections.cached-profiles:20000}") int capacity) {
        return new LeastRecentlyUsedCache(capacity);
    }

    @Bean(ProfileCommandTargetResolver.BEAN)
    ProfileCommandTargetResolver profileCommandTargetResolver() {
        return new ProfileCommandTargetResolver();
    }

    @Bean
    IdentityDecisionConsumer identityDecisionConsumer(
            @Value("${tessera.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${tessera.projections.consumer-group:tessera-projections}") String groupId,
            CommandGateway commandGateway, TransactionManager transactionManager, JdbcTemplate jdbc,
            EventSchema eventSchema, @Qualifier(Profile.CACHE) Cache profileCache, RecordKeyStore keys) {
        return new IdentityDecisionConsumer(bootstrapServers, groupId, commandGateway, transactionManager,
                new StoredProfiles(jdbc, eventSchema), profileCache, keys);
    }
}
