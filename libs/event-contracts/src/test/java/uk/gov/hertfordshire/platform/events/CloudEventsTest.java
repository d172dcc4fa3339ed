package uk.gov.hertfordshire.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;

class CloudEventsTest {

    private static final UUID EVENT_ID = UUID.fromString("6a1f0c5e-2b7d-4f3a-9e8c-4d2b1a0f9e87");
    private static final String CORRELATION_ID = "req-7f3e2a";

    private final CloudEvents cloudEvents = new CloudEvents();
    private final EventSerializer serializer = new EventSerializer();

    static Stream<Named<EventType<?>>> eventTypes() {
        return CatalogSource.eventTypes();
    }

    @Test
    void cloudEventCarriesEveryRequiredAttribute() {
        CaseSubmitted submitted = ExampleEvents.caseSubmitted();

        CloudEvent event = cloudEvents.toCloudEvent(submitted, EVENT_ID, CORRELATION_ID);

        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(event.getId()).isEqualTo(EVENT_ID.toString());
        assertThat(event.getSource()).isEqualTo(URI.create("/case-service"));
        assertThat(event.getType()).isEqualTo("uk.gov.hertfordshire.case.submitted.v1");
        assertThat(event.getTime()).isEqualTo(ExampleEvents.AT.atOffset(ZoneOffset.UTC));
        assertThat(event.getSubject()).isEqualTo(ExampleEvents.CASE_ID);
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getDataSchema())
                .isEqualTo(
                        URI.create(
                                "https://schemas.hertfordshire.gov.uk/events/case/submitted/v1.json"));
        assertThat(event.getExtension(CloudEvents.CORRELATION_ID_EXTENSION))
                .isEqualTo(CORRELATION_ID);
        assertThat(event.getData().toBytes()).isEqualTo(serializer.toJson(submitted));
    }

    @Test
    void noCorrelationIdMeansNoExtension() {
        CloudEvent event = cloudEvents.toCloudEvent(ExampleEvents.caseSubmitted(), EVENT_ID, null);

        assertThat(event.getExtensionNames()).doesNotContain(CloudEvents.CORRELATION_ID_EXTENSION);
        assertThat(record(event).headers().lastHeader("ce_correlationid")).isNull();
    }

    @Test
    void producerRecordIsBinaryModeWithCeHeadersKeyedByAggregateId() {
        ProducerRecord<String, byte[]> record =
                record(
                        cloudEvents.toCloudEvent(
                                ExampleEvents.caseSubmitted(), EVENT_ID, CORRELATION_ID));

        assertThat(record.topic()).isEqualTo(Topics.CASES);
        assertThat(record.key()).isEqualTo(ExampleEvents.CASE_ID);
        assertThat(header(record.headers(), "ce_id")).isEqualTo(EVENT_ID.toString());
        assertThat(header(record.headers(), "ce_source")).isEqualTo("/case-service");
        assertThat(header(record.headers(), "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record.headers(), "ce_type"))
                .isEqualTo("uk.gov.hertfordshire.case.submitted.v1");
        assertThat(header(record.headers(), "ce_time")).isEqualTo("2025-06-02T09:15:30.123Z");
        assertThat(header(record.headers(), "ce_subject")).isEqualTo(ExampleEvents.CASE_ID);
        assertThat(header(record.headers(), "ce_dataschema"))
                .isEqualTo("https://schemas.hertfordshire.gov.uk/events/case/submitted/v1.json");
        assertThat(header(record.headers(), "ce_correlationid")).isEqualTo(CORRELATION_ID);
        assertThat(header(record.headers(), "content-type")).isEqualTo("application/json");
        assertThat(record.value()).isEqualTo(serializer.toJson(ExampleEvents.caseSubmitted()));
    }

    @Test
    void serviceDefinitionIsKeyedByItsServiceCode() {
        ProducerRecord<String, byte[]> record =
                record(
                        cloudEvents.toCloudEvent(
                                ExampleEvents.blueBadgeService(), EVENT_ID, CORRELATION_ID));

        assertThat(record.topic()).isEqualTo("cases.events");
        assertThat(record.key()).isEqualTo("blue-badge");
        assertThat(header(record.headers(), "ce_subject")).isEqualTo("blue-badge");
        assertThat(header(record.headers(), "ce_type"))
                .isEqualTo("uk.gov.hertfordshire.case.service-definition-changed.v1");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void eventSurvivesTheTripThroughKafkaRecords(EventType<?> type) {
        DomainEvent original = ExampleEvents.fullExample(type);
        CloudEvent sent = cloudEvents.toCloudEvent(original, EVENT_ID, CORRELATION_ID);
        ProducerRecord<String, byte[]> produced = record(sent);

        CloudEvent received = cloudEvents.fromConsumerRecord(consumed(produced));

        assertThat(produced.topic()).isEqualTo(type.topic());
        assertThat(produced.key()).isEqualTo(original.aggregateId());
        assertThat(received).isEqualTo(sent);
        assertThat(serializer.fromJson(received.getData().toBytes(), type.payloadClass()))
                .isEqualTo(original);
    }

    @Test
    void receivedEventGivesConsumersWhatTheyNeed() {
        CloudEvent sent =
                cloudEvents.toCloudEvent(ExampleEvents.caseSubmitted(), EVENT_ID, CORRELATION_ID);

        ReceivedEvent received = cloudEvents.receive(consumed(record(sent)));

        assertThat(received)
                .isEqualTo(
                        new ReceivedEvent(
                                EVENT_ID,
                                CaseSubmitted.TYPE.type(),
                                "/case-service",
                                ExampleEvents.CASE_ID,
                                ExampleEvents.AT,
                                CORRELATION_ID,
                                serializer.toJson(ExampleEvents.caseSubmitted())));
        assertThat(received.eventType()).isEqualTo(Optional.of(CaseSubmitted.TYPE));
        assertThat(serializer.fromJson(received.data(), CaseSubmitted.class))
                .isEqualTo(ExampleEvents.caseSubmitted());
    }

    @Test
    void receivedEventOfAnUnknownTypeHasNoEventType() {
        ReceivedEvent received =
                new ReceivedEvent(
                        EVENT_ID,
                        "uk.gov.hertfordshire.case.reopened.v9",
                        "/case-service",
                        null,
                        null,
                        null,
                        new byte[] {'{', '}'});

        assertThat(received.eventType()).isEmpty();
    }

    @Test
    void recordWithoutCloudEventHeadersIsMalformed() {
        ConsumerRecord<String, byte[]> plain =
                new ConsumerRecord<>(
                        Topics.CASES, 0, 42L, "key", "{}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> cloudEvents.fromConsumerRecord(plain))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("cases.events-0@42");
    }

    @Test
    void recordWhoseIdIsNotAUuidIsMalformedForConsumers() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes("42"));
        headers.add("ce_source", bytes("/case-service"));
        headers.add("ce_type", bytes(CaseSubmitted.TYPE.type()));

        ConsumerRecord<String, byte[]> record = consumed(Topics.CASES, "key", headers, bytes("{}"));

        assertThatThrownBy(() -> cloudEvents.receive(record))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("'42' is not a UUID");
    }

    @Test
    void cloudEventOfAnUnknownTypeCannotBeProduced() {
        CloudEvent foreign =
                CloudEventBuilder.v1()
                        .withId(EVENT_ID.toString())
                        .withSource(URI.create("/elsewhere"))
                        .withType("org.example.thing.happened.v1")
                        .withSubject("x")
                        .build();

        assertThatThrownBy(() -> cloudEvents.toProducerRecord(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("org.example.thing.happened.v1");
    }

    private ProducerRecord<String, byte[]> record(CloudEvent event) {
        return cloudEvents.toProducerRecord(event);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach(headers::add);
        return consumed(record.topic(), record.key(), headers, record.value());
    }

    private static ConsumerRecord<String, byte[]> consumed(
            String topic, String key, Headers headers, byte[] value) {
        return new ConsumerRecord<>(
                topic,
                0,
                7L,
                ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE,
                ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE,
                key,
                value,
                headers,
                Optional.empty());
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
