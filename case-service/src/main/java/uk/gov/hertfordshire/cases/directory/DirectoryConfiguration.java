package uk.gov.hertfordshire.cases.directory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;

/** Subscribes the officer directory to SAP HR's staff changes. */
@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {

    static final String CONSUMER_GROUP = "case-service";

    @Bean
    EventSubscription staffChangesToDirectory(StaffDirectory directory) {
        return EventSubscription.of(CONSUMER_GROUP, Topics.SAP_HR, directory::apply);
    }
}
