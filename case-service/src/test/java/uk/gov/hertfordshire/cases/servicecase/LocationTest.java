package uk.gov.hertfordshire.cases.servicecase;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocationTest {

    @Test
    void acceptsHertfordCountyHall() {
        assertThatCode(() -> new Location(51.7960, -0.0790)).doesNotThrowAnyException();
    }

    @Test
    void refusesSwappedCoordinates() {
        assertThatThrownBy(() -> new Location(-0.0790, 51.7960)).hasMessageContaining("latitude");
    }

    @Test
    void refusesNullIsland() {
        assertThatThrownBy(() -> new Location(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
