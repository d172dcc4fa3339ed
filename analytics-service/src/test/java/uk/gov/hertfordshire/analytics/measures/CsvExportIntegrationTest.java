package uk.gov.hertfordshire.analytics.measures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static uk.gov.hertfordshire.analytics.support.AnalyticsClient.ANALYST;
import static uk.gov.hertfordshire.platform.testsupport.ServiceDefinitionFixture.serviceDefinition;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;
import uk.gov.hertfordshire.platform.testsupport.TestIssuer;

/**
 * CSV export: RFC 4180 quoting, a cell that a spreadsheet would run as a formula is neutralised,
 * and only ANALYST and ADMIN may download it.
 */
@PlatformIntegrationTest
class CsvExportIntegrationTest {

    @LocalServerPort int port;

    private AnalyticsClient client;

    @BeforeEach
    void connect() {
        client = new AnalyticsClient(port);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void quotesCommasAndQuotesAndNeutralisesFormulas() {
        // A catalogue name is typed by an administrator: it could hold anything.
        client.publish(
                serviceDefinition("csv-formula")
                        .name("=HYPERLINK(\"http://evil.example\",\"Click\")")
                        .build());
        client.publish(
                serviceDefinition("csv-quoted").name("Bins, \"missed\" collections").build());
        client.publish(serviceDefinition("csv-plus").name("+44 hotline").build());
        submit("csv-formula", "2026-04-06T09:00:00Z");
        submit("csv-quoted", "2026-04-06T10:00:00Z");
        submit("csv-quoted", "2026-04-06T11:00:00Z");
        submit("csv-plus", "2026-04-06T12:00:00Z");
        String path = "/api/analytics/demand.csv?from=2026-04-06&to=2026-04-06";
        // Until all four are counted and every name is known: each service's events may sit on a
        // partition of its own, and the catalogue's events on others again, each applied by its
        // own consumer (ADR 39), so one row showing says nothing of the others.
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            String body = client.get(path, ANALYST).body();
                            return body.contains("\r\nstatus,submitted,submitted,4,")
                                    && body.contains("service,csv-formula,\"'=")
                                    && body.contains("service,csv-quoted,\"Bins")
                                    && body.contains("service,csv-plus,'+44");
                        });

        HttpResponse<String> csv = client.get(path, ANALYST);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"demand.csv\"");
        assertThat(csv.body())
                .startsWith("dimension,key,name,cases,contacts\r\n")
                .contains(
                        "service,csv-formula,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",1,1\r\n")
                .contains("service,csv-quoted,\"Bins, \"\"missed\"\" collections\",2,2\r\n")
                .contains("service,csv-plus,'+44 hotline,1,1\r\n");
    }

    @Test
    void numbersStayNumbersEvenWhenNegative() {
        assertThat(SafeCsv.guard("-1.5")).isEqualTo("'-1.5");
        assertThat(SafeCsv.guard("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SafeCsv.guard("\tcmd")).isEqualTo("'\tcmd");
        assertThat(SafeCsv.guard("Report a pothole")).isEqualTo("Report a pothole");
        // Text that looks like a negative number is guarded; real numbers are never text, so a
        // saving of -1.50 stays the number -1.50 (see the cost-to-serve export).
        HttpResponse<String> cost =
                client.get(
                        "/api/analytics/cost-to-serve.csv?from=2026-04-06&to=2026-04-06", ANALYST);
        assertThat(cost.body()).startsWith("channel,contacts,unit_cost_gbp,cost_gbp\r\n");
        assertThat(cost.body()).contains("\r\nface_to_face,0,8.62,0.00\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/analytics/channel-shift.csv",
                "/api/analytics/cost-to-serve.csv",
                "/api/analytics/demand.csv",
                "/api/analytics/timeliness.csv",
                "/api/analytics/service-standard.csv"
            })
    void anOfficerIsRefusedBesideAnAnalystAndAnAdmin(String path) {
        TestIssuer idp = TestIssuer.shared();
        HttpResponse<String> officer = client.get(path, idp.staff("officer-dan", "OFFICER"));
        HttpResponse<String> analyst = client.get(path, ANALYST);
        HttpResponse<String> admin = client.get(path, AnalyticsClient.ADMIN);

        assertThat(officer.statusCode()).isEqualTo(403);
        assertThat(officer.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(analyst.statusCode()).isEqualTo(200);
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void aBadRangeIsAProblemNotAHalfWrittenFile() {
        HttpResponse<String> response =
                client.get("/api/analytics/demand.csv?from=2026-04-06", ANALYST);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.body()).contains("Give both 'from' and 'to', or neither");
    }

    @Test
    void theSavingAgainstABaselineIsExportedToo() {
        // Baseline week: one phone contact; the week reported: one web contact. At the baseline's
        // mix (all phone) the web contact would have cost £2.83 instead of £0.15: £2.68 saved.
        client.publish(serviceDefinition("csv-shift").name("Shifting service").build());
        submit("csv-shift", Channel.PHONE, "2026-05-04T09:00:00Z");
        submit("csv-shift", Channel.WEB, "2026-05-11T09:00:00Z");
        String range =
                "?from=2026-05-11&to=2026-05-17&service=csv-shift"
                        + "&baselineFrom=2026-05-04&baselineTo=2026-05-10";
        // Until both contacts are counted (the saving row is there even when nothing is).
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                client.get("/api/analytics/cost-to-serve.csv" + range, ANALYST)
                                                .body()
                                                .contains("\r\nall,1,")
                                        && client.get(
                                                        "/api/analytics/cost-to-serve.csv?from=2026-05-04&to=2026-05-10&service=csv-shift",
                                                        ANALYST)
                                                .body()
                                                .contains("\r\nall,1,"));

        String cost = client.get("/api/analytics/cost-to-serve.csv" + range, ANALYST).body();
        String shift =
                client.get(
                                "/api/analytics/channel-shift.csv" + range + "&granularity=week",
                                ANALYST)
                        .body();

        assertThat(cost)
                .contains("\r\nall at the baseline mix,1,,2.83\r\n")
                .contains("\r\nsaving against the baseline,,,2.68\r\n");
        assertThat(shift).contains("baseline 2026-05-04 to 2026-05-10,csv-shift,0,0,0,1,0,0,1,0,");
    }

    private void submit(String service, String at) {
        submit(service, Channel.WEB, at);
    }

    private void submit(String service, Channel channel, String at) {
        client.publish(
                new CaseSubmitted(
                        UUID.randomUUID().toString(),
                        service,
                        channel,
                        Instant.parse(at),
                        null,
                        null));
    }
}
