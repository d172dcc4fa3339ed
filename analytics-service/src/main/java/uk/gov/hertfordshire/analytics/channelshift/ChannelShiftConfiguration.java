package uk.gov.hertfordshire.analytics.channelshift;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.analytics.AnalyticsServiceApplication;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;

/** Subscribes the contact projection to case events. */
@Configuration(proxyBeanMethods = false)
class ChannelShiftConfiguration {

    @Bean
    EventSubscription caseEventsToContacts(ContactProjection projection) {
        return EventSubscription.of(
                AnalyticsServiceApplication.CONSUMER_GROUP, Topics.CASES, projection::apply);
    }
}
