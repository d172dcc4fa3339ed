package uk.gov.hertfordshire.cases.catalogue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Publishes a service's current definition as {@code ServiceDefinitionChanged}, through the outbox,
 * and records the version published in the same transaction ({@code published_version}). Changes
 * made through the API publish as they commit; at start-up, every definition whose current version
 * was never published (the seeded catalogue, or rows changed by a migration) is published once, so
 * analytics can name every service. A restart finds nothing left to publish; two instances starting
 * together queue on the row locks and the second finds them published.
 */
@Component
class ServiceDefinitionPublisher {

    private static final Logger log = LoggerFactory.getLogger(ServiceDefinitionPublisher.class);

    private final Catalogue catalogue;
    private final CatalogueStore store;
    private final Outbox outbox;
    private final TransactionOperations transactions;

    ServiceDefinitionPublisher(
            Catalogue catalogue,
            CatalogueStore store,
            Outbox outbox,
            TransactionOperations transactions) {
        this.catalogue = catalogue;
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    /**
     * Appends the service's definition as stored now to the outbox and marks its version published.
     * Call it inside the transaction that made the change.
     */
    void publish(ServiceVersion service) {
        ServiceDefinition definition = service.definition();
        outbox.append(
                new ServiceDefinitionChanged(
                        definition.code(),
                        definition.name(),
                        definition.group(),
                        definition.teamCode(),
                        definition.publicRealm(),
                        definition.availableOnline(),
                        definition.availableOpen311(),
                        definition.feePence(),
                        definition.responseTarget(),
                        definition.responseUnit(),
                        service.withdrawn(),
                        service.changedAt()));
        store.markPublished(service.code(), service.version());
    }

    /** Publishes every definition whose current version has not been published; how many. */
    int publishUnpublished() {
        Integer published =
                transactions.execute(
                        status -> {
                            int count = 0;
                            for (String code : store.lockUnpublished()) {
                                publish(catalogue.stored(code).orElseThrow());
                                count++;
                            }
                            return count;
                        });
        return published == null ? 0 : published;
    }

    @EventListener(ApplicationReadyEvent.class)
    void publishAtStartUp() {
        int published = publishUnpublished();
        if (published > 0) {
            log.info("Published {} service definitions not published before", published);
        }
    }
}
