package uk.gov.hertfordshire.sap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;

/** The service starts against real Kafka and PostgreSQL with the shared library wired in. */
@PlatformIntegrationTest
class SapAdapterApplicationWiringTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void reportsHealthyWithItsOutboxSchemaAndTheDomainTopicsDeclared() throws Exception {
        HttpResponse<String> health =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + port
                                                                + "/actuator/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(
                        jdbc.sql("SELECT count(*) FROM platform.outbox WHERE sent_at IS NULL")
                                .query(Long.class)
                                .single())
                .isZero();
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                TestInfrastructure.shared().kafkaBootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(Topics.ALL);
        }
    }
}
