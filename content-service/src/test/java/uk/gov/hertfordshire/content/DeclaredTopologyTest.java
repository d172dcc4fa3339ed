package uk.gov.hertfordshire.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.gov.hertfordshire.platform.support.inbox.EventSubscription;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.topology.Subscription;
import uk.gov.hertfordshire.platform.topology.Topology;

/**
 * The subscriptions this service really makes are the ones deploy/topology.yaml declares (ADR
 * 0029), from which the Kubernetes topics and ACLs are generated: a new or renamed subscription
 * fails here until the declaration says so.
 */
@PlatformIntegrationTest
class DeclaredTopologyTest {

    @Test
    void itsSubscriptionsAreTheDeclaredOnes(@Autowired List<EventSubscription> subscriptions) {
        List<Subscription> declared = Topology.load().component("content-service").subscriptions();

        assertThat(declared).isNotEmpty();
        assertThat(subscriptions)
                .extracting(s -> new Subscription(s.consumerGroup(), s.topic()))
                .containsExactlyInAnyOrderElementsOf(declared);
    }
}
