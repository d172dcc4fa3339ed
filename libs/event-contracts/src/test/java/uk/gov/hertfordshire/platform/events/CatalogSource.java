package uk.gov.hertfordshire.platform.events;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** The catalog as parameterized-test arguments, named by wire type. */
final class CatalogSource {

    private CatalogSource() {}

    static Stream<Named<EventType<?>>> eventTypes() {
        return EventCatalog.ALL.stream().map(type -> Named.of(type.type(), type));
    }
}
