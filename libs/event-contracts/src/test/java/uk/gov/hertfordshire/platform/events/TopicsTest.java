package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @Test
    void listsTheFiveDomainEventTopics() {
        assertThat(Topics.ALL)
                .containsExactly(
                        "cases.events",
                        "content.events",
                        "care.events",
                        "sap.finance.events",
                        "sap.hr.events");
    }

    @ParameterizedTest
    @CsvSource({
        "cases.events, analytics-service, cases.events.analytics-service.DLT",
        "sap.hr.events, case-service, sap.hr.events.case-service.DLT",
        "care.events, sap_adapter.finance, care.events.sap_adapter.finance.DLT"
    })
    void deadLetterTopicIsTopicThenConsumerGroupThenDlt(
            String topic, String consumerGroup, String expected) {
        assertThat(Topics.deadLetter(topic, consumerGroup)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ".", "..", ".hidden", "trailing.", "a..b", "has space", "tab\t"})
    void deadLetterRefusesANonsenseConsumerGroup(String consumerGroup) {
        assertThatThrownBy(() -> Topics.deadLetter(Topics.CASES, consumerGroup))
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                .hasMessageContaining("consumer group");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ".", "...", "cases/events"})
    void deadLetterRefusesANonsenseTopic(String topic) {
        assertThatThrownBy(() -> Topics.deadLetter(topic, "analytics-service"))
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class)
                .hasMessageContaining("topic");
    }

    @Test
    void deadLetterRefusesADeadLetterTopic() {
        assertThatThrownBy(() -> Topics.deadLetter("cases.events.case-service.DLT", "replay-tool"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already a dead-letter topic");
    }

    @Test
    void deadLetterRefusesANameLongerThanKafkaAllows() {
        assertThatThrownBy(() -> Topics.deadLetter(Topics.CASES, "g".repeat(240)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("249");
    }
}
