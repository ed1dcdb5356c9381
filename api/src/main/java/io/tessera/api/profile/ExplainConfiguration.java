package io.tessera.api.profile;

import io.tessera.identity.core.explain.PairExplainer;
import io.tessera.identity.stream.IdentityConfig;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the explain endpoints need: the running resolver's settings as an explainer, and the profiles' events. */
@Configuration(proxyBeanMethods = false)
public class ExplainConfiguration {

    /** Explains pairs with the settings the pipeline resolves with. */
    @Bean
    PairExplainer pairExplainer(IdentityConfig identityConfig) {
        return new PairExplainer(identityConfig.resolverSettings());
    }

    @Bean
    ProfileEventLog profileEventLog(EventStore eventStore) {
        return new ProfileEventLog(eventStore);
    }
}
