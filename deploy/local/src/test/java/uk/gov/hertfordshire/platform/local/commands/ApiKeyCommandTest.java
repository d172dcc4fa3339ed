package uk.gov.hertfordshire.platform.local.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./platform api-key}, against case-service's {@code POST /api/open311/keys}
 * (ApiKeyController: 201 with the issued key, ApiKeys.IssuedKey's fields) as the local admin
 * persona.
 */
class ApiKeyCommandTest {

    private static final String ID = "6f0c8e52-8a0e-4c55-9a43-0f3f5c2d9b71";
    private static final String KEY = "o311_Jx3mV9b0sQ4r1T7yWc2eN8pLk5HdA6fGzUiOq0XyZ_s";
    private static final String ISSUED =
            "{\"id\":\""
                    + ID
                    + "\",\"name\":\"open311-demo\",\"keyPrefix\":\"o311_Jx3mV9\",\"key\":\""
                    + KEY
                    + "\",\"createdAt\":\"2026-12-04T15:20:11.123456Z\"}";

    private final FakeService idp = FakeIdentityProvider.start();
    private final FakeService caseService = FakeService.up();

    @AfterEach
    void stop() {
        idp.close();
        caseService.close();
    }

    private Commands.Result apiKey(String... name) {
        String[] args = new String[name.length + 1];
        args[0] = "api-key";
        System.arraycopy(name, 0, args, 1, name.length);
        return Commands.with(idp).at("case-service", caseService).run(args);
    }

    @Test
    void issuesAKeyAsTheAdminAndPrintsOnlyTheKey() {
        caseService.answer("POST", "/api/open311/keys", FakeService.Answer.json(201, ISSUED));

        Commands.Result result = apiKey("open311-demo");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo(KEY + "\n");
        assertThat(result.err())
                .isEqualTo(
                        "Open311 API key \"open311-demo\" (id "
                                + ID
                                + "). It is shown only now; revoke it with\n"
                                + "  curl -X DELETE -H \"Authorization: Bearer $(./platform token"
                                + " admin-judy)\" localhost:"
                                + caseService.port()
                                + "/api/open311/keys/"
                                + ID
                                + "\n");
        assertThat(caseService.calls())
                .singleElement()
                .satisfies(
                        call -> {
                            assertThat(call.header("Authorization"))
                                    .isEqualTo("Bearer token-of-admin-judy");
                            assertThat(call.header("Content-Type")).isEqualTo("application/json");
                            assertThat(call.body()).isEqualTo("{\"name\":\"open311-demo\"}");
                        });
    }

    @Test
    void inAClusterReachesCaseServiceAtItsFirstReplicaThatIsUp() {
        caseService.answer("POST", "/api/open311/keys", FakeService.Answer.json(201, ISSUED));
        // Replica 1 stopped (a closed port), replica 2 the stand-in; the declared port, where the
        // single copy would listen, closed too, as it is while a cluster runs.
        int declared;
        int replica1;
        do {
            declared = Commands.closedPort();
            replica1 = (declared + caseService.port()) / 2;
        } while ((declared + caseService.port()) % 2 != 0 || listening(replica1));

        Commands.Result inACluster =
                Commands.with(idp)
                        .inAClusterWith("case-service", replica1, caseService.port())
                        .run("api-key", "open311-demo");

        assertThat(inACluster.exit()).isZero();
        assertThat(inACluster.out()).isEqualTo(KEY + "\n");
        assertThat(inACluster.err()).contains("localhost:" + caseService.port() + "/api/open311/");
        assertThat(caseService.calls()).singleElement();

        // The control: the same ports without the cluster, so the declared port is asked.
        Commands.Result single =
                Commands.with(idp).at("case-service", declared).run("api-key", "open311-demo");
        assertThat(single.exit()).isEqualTo(1);
        assertThat(single.err())
                .isEqualTo("case-service is not running; ./platform up starts it.\n");
        assertThat(caseService.calls()).hasSize(1);
    }

    @Test
    void inAClusterPrefersTheFirstReplicaWhenBothAreUp() {
        try (FakeService replica2 = FakeService.up()) {
            caseService.answer("POST", "/api/open311/keys", FakeService.Answer.json(201, ISSUED));
            replica2.answer("POST", "/api/open311/keys", FakeService.Answer.json(201, ISSUED));

            Commands.Result result =
                    Commands.with(idp)
                            .inAClusterWith("case-service", caseService.port(), replica2.port())
                            .run("api-key", "open311-demo");

            assertThat(result.exit()).isZero();
            assertThat(caseService.calls()).singleElement();
            assertThat(replica2.received()).isEmpty(); // not even its health check
        }
    }

    /** Whether something accepts connections on a loopback port. */
    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aNameOutsideTheRuleIsRefusedBeforeAnythingIsAsked() {
        String longest = "a".repeat(100);
        caseService.answer("POST", "/api/open311/keys", FakeService.Answer.json(201, ISSUED));

        assertThat(apiKey(longest).exit()).isZero();
        for (String name :
                new String[] {"", "-demo", "open 311", "open311\"demo", longest + "a", "café"}) {
            Commands.Result refused = apiKey(name);

            assertThat(refused.exit()).as(name).isEqualTo(1);
            assertThat(refused.err())
                    .isEqualTo(
                            "usage: ./platform api-key <name>   (e.g. ./platform api-key"
                                    + " open311-demo)\n");
        }
        assertThat(apiKey().err()).startsWith("usage: ./platform api-key <name>");
        assertThat(caseService.calls()).hasSize(1);
    }

    @Test
    void saysWhenCaseServiceIsNotRunning() {
        caseService.close();

        Commands.Result result = apiKey("open311-demo");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("case-service is not running; ./platform up starts it.\n");
        assertThat(idp.calls()).isEmpty();
    }

    @Test
    void showsARefusalAsCaseServiceGaveIt() {
        String forbidden =
                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"Access Denied\",\"instance\":\"/api/open311/keys\"}";
        caseService.answer("POST", "/api/open311/keys", FakeService.Answer.problem(403, forbidden));

        Commands.Result result = apiKey("open311-demo");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("case-service answered 403: " + forbidden + "\n");
    }

    @Test
    void anAnswerWithoutAKeyIsRefused() {
        caseService.answer(
                "POST",
                "/api/open311/keys",
                FakeService.Answer.json(201, "{\"id\":\"" + ID + "\"}"));

        Commands.Result result = apiKey("open311-demo");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo("Unexpected answer from case-service: {\"id\":\"" + ID + "\"}\n");
    }
}
