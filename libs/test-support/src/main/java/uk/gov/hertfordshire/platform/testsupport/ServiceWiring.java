package uk.gov.hertfordshire.platform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The check every service's first test makes: it is up against the real broker and database, with
 * the shared library's outbox schema migrated and the domain topics declared.
 */
public final class ServiceWiring {

    private ServiceWiring() {}

    public static void assertWired(int port, DataSource dataSource, Collection<String> topics)
            throws Exception {
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
        try (Connection connection = dataSource.getConnection();
                ResultSet unsent =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "SELECT count(*) FROM platform.outbox"
                                                + " WHERE sent_at IS NULL")) {
            assertThat(unsent.next()).isTrue();
            assertThat(unsent.getLong(1)).isZero();
        }
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                TestInfrastructure.shared().kafkaBootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(topics);
        }
    }
}
