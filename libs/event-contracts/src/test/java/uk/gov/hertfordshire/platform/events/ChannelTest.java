package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;

class ChannelTest {

    @ParameterizedTest
    @CsvSource({
        "web, WEB, true",
        "app, APP, true",
        "open311, OPEN311, true",
        "phone, PHONE, false",
        "face_to_face, FACE_TO_FACE, false",
        "email, EMAIL, false"
    })
    void mapsEachWireValueAndKnowsWhichAreDigitalSelfService(
            String wireValue, Channel channel, boolean digitalSelfService) {
        assertThat(Channel.fromWire(wireValue)).isEqualTo(channel);
        assertThat(channel.wireValue()).isEqualTo(wireValue);
        assertThat(channel.isDigitalSelfService()).isEqualTo(digitalSelfService);
    }

    @Test
    void hasExactlySixChannels() {
        assertThat(Channel.wireValues())
                .containsExactly("web", "app", "open311", "phone", "face_to_face", "email");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"fax", "WEB", "Web", "face-to-face", "FACE_TO_FACE", " web"})
    void rejectsAnythingElseNamingTheAllowedValues(String wireValue) {
        assertThatThrownBy(() -> Channel.fromWire(wireValue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + wireValue + "'")
                .hasMessageContaining("web, app, open311, phone, face_to_face, email");
    }

    @Test
    void schemaOffersExactlyTheChannels() {
        assertThat(
                        EventSchemas.schemaDocument(CaseSubmitted.TYPE)
                                .path("properties")
                                .path("channel")
                                .path("enum")
                                .valueStream()
                                .map(JsonNode::asString))
                .containsExactlyElementsOf(Channel.wireValues());
    }
}
