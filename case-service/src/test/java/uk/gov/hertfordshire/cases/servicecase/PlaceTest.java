package uk.gov.hertfordshire.cases.servicecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "County Hall, Pegs Lane, Hertford SG13 8DQ|SG13",
                "12 High Street, St Albans, al1 3ej|AL1",
                "Flat 2, 3 Station Road, Watford WD171AA|WD17",
                "Outside 4 Mill Lane, Ware|",
                "SG13 8DQ then moved to AL1 3EJ|AL1",
            })
    void theDistrictIsTheOutwardCodeOfAFullPostcodeInTheAddress(String address, String district) {
        assertThat(new Place(address, null).postcodeDistrict()).isEqualTo(district);
    }

    @Test
    void anAddressOverTheLimitOrAMalformedUprnIsRefusedBesideValidOnes() {
        assertThat(new Place("a".repeat(250), "100080878341").isPresent()).isTrue();
        assertThatThrownBy(() -> new Place("a".repeat(251), null))
                .hasMessageContaining("address must be at most 250");
        assertThatThrownBy(() -> new Place(null, "0123")).hasMessageContaining("uprn must be");
        assertThatThrownBy(() -> new Place(null, "1234567890123"))
                .hasMessageContaining("uprn must be");
    }

    @Test
    void aBlankAddressIsNoAddress() {
        assertThat(new Place("   ", null).isPresent()).isFalse();
    }
}
