package uk.gov.hertfordshire.sap.posting;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.inbox.BatchEventHandler;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;

/**
 * Subscribes the posting ledger to the topics finance-relevant events arrive on: case-service's
 * fees on {@code cases.events}, care-service's commissioned care packages on {@code care.events}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PostingMappings.class, PostingProperties.class})
class PostingConfiguration {

    static final String CONSUMER_GROUP = "sap-adapter";

    // Each poll in one inbox transaction: most events on these topics are not finance-relevant,
    // and each was a transaction of its own (docs/benchmarks/case-submission.md).
    @Bean
    EventSubscription caseEventsToPostingLedger(PostingIntake intake) {
        return EventSubscription.of(
                CONSUMER_GROUP, Topics.CASES, BatchEventHandler.eachOf(intake::apply));
    }

    @Bean
    EventSubscription careEventsToPostingLedger(PostingIntake intake) {
        return EventSubscription.of(
                CONSUMER_GROUP, Topics.CARE, BatchEventHandler.eachOf(intake::apply));
    }

    @Bean
    ApplicationRunner mapWaitingPostings(PostingIntake intake, TransactionOperations transactions) {
        return args -> transactions.executeWithoutResult(status -> intake.mapWaiting());
    }
}
