package uk.gov.hertfordshire.care.practitioner;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;

/** Subscribes the practitioner directory to SAP HR's staff changes. */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    static final String CONSUMER_GROUP = "care-service";

    @Bean
    EventSubscription staffChangesToPractitionerDirectory(PractitionerDirectory directory) {
        return EventSubscription.of(CONSUMER_GROUP, Topics.SAP_HR, directory::apply);
    }
}
