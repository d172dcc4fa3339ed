package uk.gov.hertfordshire.cases.catalogue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.KafkaTopicReader;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/** Calls to {@code /api/catalogue/services} on the service's own port, and what reached Kafka. */
final class CatalogueHttp {

    static final String BASE = "/api/catalogue/services";

    /**
     * Gives the catalogue's integration tests a context, and so a database, of their own: they add
     * services, which other tests counting the seeded catalogue must not see.
     */
    static final String OWN_DATABASE = "spring.application.name=case-service-catalogue-tests";

    static final String CHANGED_TYPE = "uk.gov.hertfordshire.case.service-definition-changed.v1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static final TestIssuer IDP = TestIssuer.shared();
    static final TestIssuer.TokenBuilder ADMIN = IDP.staff("admin-judy", "ADMIN");

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    CatalogueHttp(int port) {
        this.port = port;
    }

    /** A code no other test uses: the database and the broker are shared. */
    static String uniqueCode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    HttpResponse<String> create(String json, TestIssuer.TokenBuilder token) {
        return send("POST", BASE, json, token, null, null);
    }

    HttpResponse<String> replace(
            String code, String json, TestIssuer.TokenBuilder token, String ifMatch) {
        return send("PUT", BASE + "/" + code, json, token, ifMatch, null);
    }

    HttpResponse<String> withdraw(String code, TestIssuer.TokenBuilder token, String ifMatch) {
        return send("POST", BASE + "/" + code + "/withdrawal", null, token, ifMatch, null);
    }

    HttpResponse<String> get(String path, TestIssuer.TokenBuilder token) {
        return send("GET", path, null, token, null, null);
    }

    HttpResponse<String> send(
            String method,
            String path,
            String json,
            TestIssuer.TokenBuilder token,
            String ifMatch,
            String idempotencyKey) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", token.bearer());
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** The ServiceDefinitionChanged events on cases.events about this service, oldest first. */
    static List<ConsumerRecord<String, byte[]>> changesOf(String code) {
        return KafkaTopicReader.readAll(
                        TestInfrastructure.shared().kafkaBootstrapServers(), Topics.CASES)
                .stream()
                .filter(r -> code.equals(r.key()))
                .filter(r -> CHANGED_TYPE.equals(header(r, "ce_type")))
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .toList();
    }

    static JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
