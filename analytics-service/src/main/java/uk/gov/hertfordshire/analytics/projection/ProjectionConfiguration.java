package uk.gov.hertfordshire.analytics.projection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.gov.hertfordshire.analytics.AnalyticsServiceApplication;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;

/**
 * The live subscriptions, one per topic a projector reads. A new stream adds its projector bean and
 * one line here.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    @Bean
    EventSubscription caseEvents(LiveProjection live) {
        return EventSubscription.of(
                AnalyticsServiceApplication.CONSUMER_GROUP,
                Topics.CASES,
                live.handlerFor(Topics.CASES));
    }

    @Bean
    EventSubscription contentEvents(LiveProjection live) {
        return EventSubscription.of(
                AnalyticsServiceApplication.CONSUMER_GROUP,
                Topics.CONTENT,
                live.handlerFor(Topics.CONTENT));
    }

    @Bean
    EventSubscription careEvents(LiveProjection live) {
        return EventSubscription.of(
                AnalyticsServiceApplication.CONSUMER_GROUP,
                Topics.CARE,
                live.handlerFor(Topics.CARE));
    }
}
