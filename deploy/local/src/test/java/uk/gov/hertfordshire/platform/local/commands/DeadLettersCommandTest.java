package uk.gov.hertfordshire.platform.local.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./platform deadletters}, against service-support's DeadLettersEndpoint on each service:
 * {@code GET /actuator/deadletters} (one entry per subscription) and {@code POST
 * /actuator/deadletters/<group>/<topic>} (DeadLetterReplay.Result), as the local admin persona.
 */
class DeadLettersCommandTest {

    private static final String CASE_LIST =
            "[{\"consumerGroup\":\"case-service\",\"topic\":\"hr.staff\","
                    + "\"deadLetterTopic\":\"hr.staff.case-service.DLT\",\"pending\":0,"
                    + "\"parked\":0,\"parkedRecords\":[]}]";
    private static final String ANALYTICS_LIST =
            "[{\"consumerGroup\":\"analytics-service\",\"topic\":\"cases.events\","
                    + "\"deadLetterTopic\":\"cases.events.analytics-service.DLT\",\"pending\":2,"
                    + "\"parked\":1,\"parkedRecords\":[{\"deadLetter\":\"cases.events."
                    + "analytics-service.DLT-0@4\",\"key\":\"c1\",\"error\":\"boom\","
                    + "\"attempts\":2,\"parkedAt\":\"2026-12-04T15:00:00Z\"}]}]";

    private final FakeService idp = FakeIdentityProvider.start();
    private final FakeService caseService = FakeService.up();
    private final FakeService analytics = FakeService.up();

    @AfterEach
    void stop() {
        idp.close();
        caseService.close();
        analytics.close();
    }

    private Commands commands() {
        caseService.answer("GET", "/actuator/deadletters", FakeService.Answer.json(200, CASE_LIST));
        analytics.answer(
                "GET", "/actuator/deadletters", FakeService.Answer.json(200, ANALYTICS_LIST));
        return Commands.with(idp)
                .at("case-service", caseService)
                .at("analytics-service", analytics);
    }

    @Test
    void listsEveryServiceThatOwnsDataAndWarnsOfThoseNotRunning() {
        Commands.Result result = commands().run("deadletters");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .isEqualTo(
                        "case-service: "
                                + CASE_LIST
                                + "\nanalytics-service: "
                                + ANALYTICS_LIST
                                + "\n");
        // deploy/topology.yaml: the services with a database, in its order, less the two up here.
        assertThat(result.err())
                .isEqualTo(
                        "content-service is not running\n"
                                + "care-service is not running\n"
                                + "sap-adapter is not running\n");
        assertThat(analytics.calls())
                .singleElement()
                .satisfies(
                        call ->
                                assertThat(call.header("Authorization"))
                                        .isEqualTo("Bearer token-of-admin-judy"));
    }

    @Test
    void listsOneService() {
        Commands.Result result = commands().run("deadletters", "analytics-service");

        assertThat(result.out()).isEqualTo(ANALYTICS_LIST + "\n");
        assertThat(caseService.calls()).isEmpty();
    }

    @Test
    void reDrivesOneSubscriptionToItsHandler() {
        Commands commands = commands();
        String replayed =
                "{\"handled\":3,\"duplicates\":0,\"stillPending\":0,\"parked\":0,\"error\":null}";
        analytics.answer(
                "POST",
                "/actuator/deadletters/analytics-service/cases.events",
                FakeService.Answer.json(200, replayed));

        Commands.Result result =
                commands.run(
                        "deadletters", "analytics-service", "analytics-service", "cases.events");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .isEqualTo(
                        "Re-driving cases.events.analytics-service.DLT to analytics-service's"
                                + " handler...\n"
                                + replayed
                                + "\n");
        assertThat(analytics.calls())
                .extracting(FakeService.Request::method)
                .containsExactly("POST");
    }

    @Test
    void replayIsTheSameCommand() {
        assertThat(commands().run("replay", "case-service").out()).isEqualTo(CASE_LIST + "\n");
    }

    @Test
    void aComponentWithoutDataOrAnOddNameIsRefused() {
        String usage = "usage: ./platform deadletters [<service> [<group> <topic>]]\n";
        Commands commands = commands();
        for (String[] args :
                new String[][] {
                    {"deadletters", "gateway"},
                    {"deadletters", "identity-provider"},
                    {"deadletters", "no-such-service"},
                    {"deadletters", "analytics-service", "analytics-service", "../../health"}
                }) {
            Commands.Result result = commands.run(args);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.err()).isEqualTo(usage);
        }
        assertThat(analytics.calls()).isEmpty();
        assertThat(idp.calls()).isEmpty();
    }

    @Test
    void aRefusalIsShownAsTheServiceGaveIt() {
        Commands commands = commands();
        String refused =
                "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"instance\":\"/actuator/deadletters/nobody/cases.events\"}";
        analytics.answer(
                "POST",
                "/actuator/deadletters/nobody/cases.events",
                FakeService.Answer.problem(400, refused));

        Commands.Result result =
                commands.run("deadletters", "analytics-service", "nobody", "cases.events");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("analytics-service answered 400: " + refused + "\n");
    }
}
