package uk.gov.hertfordshire.platform.support.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * The correlation id and W3C trace context of an HTTP request travel with the event it causes,
 * through the outbox and Kafka, into the consumer's logging context; where the request's trace is
 * sampled, the relay's send span is a child of the request's spans and the consumer's span a child
 * of the send, in one trace (ADR 21). The spans are what the OpenTelemetry SDK hands its exporters.
 */
@PlatformIntegrationTest
class TraceAndCorrelationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @LocalServerPort int port;
    @Autowired InMemorySpanExporter exporter;

    @Test
    void requestIdsAndTraceContextReachTheConsumersLogs() throws Exception {
        String id = createWidget("citizen-call-991", TRACE_ID, true);

        ConsumerRecord<String, byte[]> record = publishedEvent(id);
        assertThat(header(record, "ce_correlationid")).isEqualTo("citizen-call-991");
        assertThat(header(record, "traceparent")).startsWith("00-" + TRACE_ID + "-");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestServiceApplication.LOGGING_CONTEXT.containsKey(id));
        assertThat(TestServiceApplication.LOGGING_CONTEXT.get(id))
                .startsWith("citizen-call-991|" + TRACE_ID + "|");
    }

    @Test
    void theConsumersSpanIsAChildOfTheRelaysSendSpanWhichDescendsFromTheRequest() throws Exception {
        String traceId = "5a1f2e3d4c5b6a798897a6b5c4d3e2f1";
        String id = createWidget("citizen-call-992", traceId, true);

        List<SpanData> trace =
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> spansOf(traceId),
                                spans ->
                                        spans.stream()
                                                .anyMatch(s -> s.getKind() == SpanKind.CONSUMER));
        Map<String, SpanData> byId =
                trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        SpanData server = only(trace, SpanKind.SERVER);
        SpanData send = only(trace, SpanKind.PRODUCER);
        SpanData consumer = only(trace, SpanKind.CONSUMER);

        assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(send.getName()).isEqualTo(Topics.CASES + " send");
        assertThat(send.getAttributes().asMap().toString())
                .contains("messaging.destination.name=" + Topics.CASES);
        assertThat(ancestors(send, byId)).contains(server.getSpanId());
        assertThat(consumer.getParentSpanId()).isEqualTo(send.getSpanId());

        // On the wire the event carries the send span's context, not the request's.
        assertThat(header(publishedEvent(id), "traceparent"))
                .isEqualTo("00-" + traceId + "-" + send.getSpanId() + "-01");
        // And the consumer's log lines carry its own span, in the request's trace.
        assertThat(TestServiceApplication.LOGGING_CONTEXT.get(id))
                .isEqualTo("citizen-call-992|" + traceId + "|" + consumer.getSpanId());
    }

    @Test
    void withSamplingOffNothingIsExportedYetTheTraceIdStillReachesTheConsumersLogs()
            throws Exception {
        String traceId = "6b2f3e4d5c6b7a8998a7b6c5d4e3f2a1";
        String id = createWidget("citizen-call-993", traceId, false);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestServiceApplication.LOGGING_CONTEXT.containsKey(id));
        assertThat(TestServiceApplication.LOGGING_CONTEXT.get(id))
                .startsWith("citizen-call-993|" + traceId + "|");
        assertThat(header(publishedEvent(id), "traceparent"))
                .startsWith("00-" + traceId + "-")
                .endsWith("-00");
        // The sampled test beside this one sees its spans within the same time.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> spansOf(traceId).isEmpty());
    }

    private String createWidget(String requestId, String traceId, boolean sampled)
            throws Exception {
        HttpResponse<String> created =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://localhost:" + port + "/widgets"))
                                        .header("Content-Type", "application/json")
                                        .header("X-Request-Id", requestId)
                                        .header(
                                                "Authorization",
                                                TestIssuer.shared().citizen("alice").bearer())
                                        .header(
                                                "traceparent",
                                                "00-"
                                                        + traceId
                                                        + "-"
                                                        + CALLER_SPAN
                                                        + (sampled ? "-01" : "-00"))
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"service\":\"pothole\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return created.headers().firstValue("Location").orElseThrow().replace("/widgets/", "");
    }

    private static ConsumerRecord<String, byte[]> publishedEvent(String id) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                KafkaTopicReader.readAll(
                                                TestInfrastructure.shared().kafkaBootstrapServers(),
                                                Topics.CASES)
                                        .stream()
                                        .filter(r -> id.equals(r.key()))
                                        .findFirst()
                                        .orElse(null),
                        r -> r != null);
    }

    private List<SpanData> spansOf(String traceId) {
        return exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId))
                .toList();
    }

    private static SpanData only(List<SpanData> trace, SpanKind kind) {
        List<SpanData> ofKind = trace.stream().filter(s -> s.getKind() == kind).toList();
        assertThat(ofKind).as("%s spans in %s", kind, trace).hasSize(1);
        return ofKind.get(0);
    }

    /** The ids of a span's parent, its parent's parent, and so on, as far as the trace goes. */
    private static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<String> ancestors = new java.util.ArrayList<>();
        Optional<SpanData> parent = Optional.ofNullable(byId.get(span.getParentSpanId()));
        while (parent.isPresent()) {
            ancestors.add(parent.get().getSpanId());
            parent = Optional.ofNullable(byId.get(parent.get().getParentSpanId()));
        }
        return ancestors;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
