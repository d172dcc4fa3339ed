package uk.gov.hertfordshire.content.catalogue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.inbox.BatchEventHandler;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;

/** Subscribes the known services to case-service's catalogue changes on {@code cases.events}. */
@Configuration(proxyBeanMethods = false)
class CatalogueConfiguration {

    static final String CONSUMER_GROUP = "content-service";

    @Bean
    EventSubscription catalogueChangesToKnownServices(KnownServices services) {
        // One inbox transaction per poll: almost every event on cases.events is not a catalogue
        // change, and was a transaction of its own (docs/benchmarks/case-submission.md).
        return EventSubscription.of(
                CONSUMER_GROUP, Topics.CASES, BatchEventHandler.eachOf(services::apply));
    }
}
