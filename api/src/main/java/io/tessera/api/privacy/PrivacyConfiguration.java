package io.tessera.api.privacy;

import io.tessera.api.pipeline.PipelineProperties;
import io.tessera.api.profile.ProfileEventLog;
import io.tessera.api.security.Pseudonymiser;
import io.tessera.ingestion.capture.KafkaRecordSink;
import io.tessera.projections.privacy.RecordKeyStore;
import io.tessera.projections.profile.command.Profile;
import io.tessera.projections.profile.query.ProfileReadModel;
import io.tessera.projections.search.ProfileSearchIndex;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What erasure needs: its log, the suppression list, a producer of tombstones to Tessera's record topic, and the
 * service; and what lifting a suppression needs.
 */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfiguration {

    @Bean
    ErasureLog erasureLog(JdbcTemplate jdbc) {
        ErasureLog log = new ErasureLog(jdbc);
        log.createSchema();
        return log;
    }

    /** Loaded at start; reloaded every 30 s so that another instance's erasures and lifts reach this one. */
    @Bean(destroyMethod = "close")
    SuppressionReload suppressionList(JdbcTemplate jdbc, Pseudonymiser pseudonymiser) {
        SuppressionList list = new SuppressionList(jdbc, pseudonymiser);
        list.createSchema();
        list.reload();
        return new SuppressionReload(list, Duration.ofSeconds(30));
    }

    /** Tombstones go to {@code tessera.records} the way ingestion writes deletes, from a producer of their own. */
    @Bean(destroyMethod = "close")
    KafkaRecordSink erasureTombstones(PipelineProperties properties, RecordKeyStore keys) {
        return new KafkaRecordSink(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "tessera-erasure"), keys);
    }

    @Bean
    SuppressionLifts suppressionLifts(SuppressionReload suppressions, RecordKeyStore keys, ErasureLog erasureLog,
                                      CommandGateway commands, JdbcTemplate jdbc) {
        return new SuppressionLifts(suppressions.list(), keys, erasureLog, new ErasedProfiles(jdbc), commands,
                Clock.systemUTC());
    }

    /** Erasure and subject access look for the person in the dead letters. */
    @Bean
    DeadLetterSearch deadLetterSearch(PipelineProperties properties, RecordKeyStore keys) {
        // One pass over a topic of 7 days' retention: generous, so that a large backlog of letters does not fail it.
        return new DeadLetterSearch(properties.kafka().bootstrapServers(), keys, Duration.ofMinutes(2));
    }

    @Bean
    Erasures erasures(ProfileReadModel readModel, ProfileEventLog eventLog, ProfileSearchIndex searchIndex,
                      RecordKeyStore keys, KafkaRecordSink erasureTombstones, CommandGateway commands,
                      @Qualifier(Profile.CACHE) Cache profileCache, ErasureLog erasureLog,
                      Pseudonymiser pseudonymiser, SuppressionReload suppressions, DeadLetterSearch deadLetters) {
        return new Erasures(readModel, eventLog, searchIndex, keys, erasureTombstones, commands, profileCache,
                erasureLog, pseudonymiser, suppressions.list(), deadLetters, Clock.systemUTC());
    }
}
