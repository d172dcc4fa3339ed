package uk.gov.hertfordshire.cases.catalogue;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * ADMIN's changes to the catalogue: create, replace and withdraw a service. Each change and its
 * {@code ServiceDefinitionChanged} event commit in one transaction, or neither does. A replace or a
 * withdrawal names the version it was made to, and is refused if another change came first.
 */
@Service
class CatalogueAdministration {

    private final Catalogue catalogue;
    private final CatalogueStore store;
    private final ServiceDefinitionPublisher publisher;
    private final CatalogueChanges changes;
    private final Clock clock;

    CatalogueAdministration(
            Catalogue catalogue,
            CatalogueStore store,
            ServiceDefinitionPublisher publisher,
            CatalogueChanges changes,
            Clock clock) {
        this.catalogue = catalogue;
        this.store = store;
        this.publisher = publisher;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Adds a service at version 1.
     *
     * @throws InvalidServiceDefinition naming each invalid field
     * @throws CatalogueRefusal if the code is taken
     */
    @Transactional
    ServiceVersion create(ServiceRequest request) {
        ServiceDefinition definition = ServiceDefinitionRules.check(request, null);
        if (!store.insert(definition, now())) {
            throw new CatalogueRefusal(
                    CatalogueRefusal.Reason.CODE_TAKEN,
                    "A service with the code '"
                            + definition.code()
                            + "' already exists (perhaps withdrawn): codes are never reused.");
        }
        return published(definition.code());
    }

    /**
     * Replaces a service's definition and questions.
     *
     * @param expectedVersion the version the change was made to (If-Match), empty if not given
     * @throws InvalidServiceDefinition naming each invalid field
     * @throws CatalogueRefusal if there is no such service, no or a stale version was given, or it
     *     is withdrawn
     */
    @Transactional
    ServiceVersion replace(String code, ServiceRequest request, OptionalInt expectedVersion) {
        CatalogueStore.Lock current = lockCurrent(code, expectedVersion);
        ServiceDefinition definition = ServiceDefinitionRules.check(request, code);
        boolean wasPublicRealm = catalogue.stored(code).orElseThrow().definition().publicRealm();
        if (definition.publicRealm() != wasPublicRealm) {
            // Whether a service's cases are about a place decides who sees them (public-realm
            // requests are listed over Open311): changing it would publish personal requests made
            // under the old rule, or hide public ones. A new service, with a new code, instead.
            throw new InvalidServiceDefinition(
                    List.of(
                            new FieldProblem(
                                    "publicRealm",
                                    "cannot change once a service exists: create a service with a"
                                            + " new code instead")));
        }
        store.replace(definition, current.version() + 1, now());
        return published(code);
    }

    /**
     * Withdraws a service: it takes no new cases, its cases keep its code, and it cannot change or
     * come back (a new service with a new code can).
     *
     * @param expectedVersion the version the change was made to (If-Match), empty if not given
     * @throws CatalogueRefusal if there is no such service, no or a stale version was given, or it
     *     is already withdrawn
     */
    @Transactional
    ServiceVersion withdraw(String code, OptionalInt expectedVersion) {
        CatalogueStore.Lock current = lockCurrent(code, expectedVersion);
        store.withdraw(code, current.version() + 1, now());
        return published(code);
    }

    private CatalogueStore.Lock lockCurrent(String code, OptionalInt expectedVersion) {
        CatalogueStore.Lock current =
                store.lock(code)
                        .orElseThrow(
                                () ->
                                        new CatalogueRefusal(
                                                CatalogueRefusal.Reason.NOT_FOUND,
                                                "No service has this code."));
        if (expectedVersion.isEmpty()) {
            throw new CatalogueRefusal(
                    CatalogueRefusal.Reason.VERSION_REQUIRED,
                    "Send If-Match with the ETag of the version you are changing (read the service"
                            + " to get it), so that no one else's change is overwritten.");
        }
        if (expectedVersion.getAsInt() != current.version()) {
            throw new CatalogueRefusal(
                    CatalogueRefusal.Reason.STALE_VERSION,
                    "The service has changed since you read it: it is now at version "
                            + current.version()
                            + ". Read it again and make your change to that version.");
        }
        if (current.withdrawn()) {
            throw new CatalogueRefusal(
                    CatalogueRefusal.Reason.WITHDRAWN,
                    "The service is withdrawn and can no longer change.");
        }
        return current;
    }

    private ServiceVersion published(String code) {
        ServiceVersion stored = catalogue.stored(code).orElseThrow();
        publisher.publish(stored);
        changes.changedByThisInstance();
        return stored;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
