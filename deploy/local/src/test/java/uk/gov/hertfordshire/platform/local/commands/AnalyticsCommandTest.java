package uk.gov.hertfordshire.platform.local.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./platform analytics}, against analytics-service's RebuildController: {@code POST
 * /api/analytics/admin/rebuilds} (202 with a Progress, 409 problem details naming the running
 * generation) and {@code GET /api/analytics/admin/rebuilds/<generation>}; Progress is {@code
 * {"rebuild": RebuildStatus, "eventsPerSecond": n}} (RebuildIntegrationTest reads the same paths).
 */
class AnalyticsCommandTest {

    private static final String REBUILDS = "/api/analytics/admin/rebuilds";

    private final FakeService idp = FakeIdentityProvider.start();
    private final FakeService analytics = FakeService.up();

    @AfterEach
    void stop() {
        idp.close();
        analytics.close();
    }

    private Commands commands() {
        return Commands.with(idp).at("analytics-service", analytics);
    }

    /** A Progress as RebuildController writes it. */
    static String progress(
            int generation,
            String state,
            long toRead,
            long read,
            String switchedAt,
            String perSecond) {
        return "{\"rebuild\":{\"generation\":"
                + generation
                + ",\"state\":\""
                + state
                + "\",\"requestedBy\":\"00010008\",\"startedAt\":\"2026-12-04T15:00:00Z\","
                + "\"heartbeatAt\":\"2026-12-04T15:00:02Z\",\"switchedAt\":"
                + (switchedAt == null ? "null" : "\"" + switchedAt + "\"")
                + ",\"eventsToRead\":"
                + toRead
                + ",\"eventsRead\":"
                + read
                + ",\"eventsSkipped\":1,\"failure\":"
                + ("abandoned".equals(state) ? "\"no progress for PT2M\"" : "null")
                + "},\"eventsPerSecond\":"
                + perSecond
                + "}";
    }

    /** Answers the polls with these progresses in turn, the last one from then on. */
    private void polls(int generation, String... answers) {
        analytics.answer(
                "POST",
                REBUILDS,
                FakeService.Answer.json(202, progress(generation, "building", 0, 0, null, "null")));
        AtomicInteger poll = new AtomicInteger();
        analytics.answer(
                "GET",
                REBUILDS + "/" + generation,
                request ->
                        FakeService.Answer.json(
                                200,
                                answers[Math.min(poll.getAndIncrement(), answers.length - 1)]));
    }

    @Test
    void rebuildsFollowsUntilServingAndReportsTheFigures() {
        polls(
                4,
                progress(4, "building", 100_000, 50_000, null, "20123.7"),
                progress(4, "serving", 100_000, 100_000, "2026-12-04T15:00:05.250Z", "24390.24"));

        Commands.Result result = commands().run("analytics", "rebuild");

        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .isEqualTo(
                        "Rebuilding generation 4 from the start of the log (live figures stay"
                                + " served meanwhile)");
        assertThat(lines.get(1))
                .isEqualTo("  read 100000 events up to the cut-off, skipped 1; 24390 events/s");
        assertThat(lines.get(2))
                .matches(
                        "  serving generation 4 since 2026-12-04T15:00:05.250Z \\(\\d+\\.\\d s in"
                                + " all\\)");
        assertThat(analytics.calls())
                .extracting(FakeService.Request::method, FakeService.Request::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", REBUILDS),
                        org.assertj.core.groups.Tuple.tuple("GET", REBUILDS + "/4"),
                        org.assertj.core.groups.Tuple.tuple("GET", REBUILDS + "/4"));
        assertThat(analytics.calls())
                .allSatisfy(
                        call ->
                                assertThat(call.header("Authorization"))
                                        .isEqualTo("Bearer token-of-admin-judy"));
    }

    @Test
    void onATerminalTheProgressIsOneLineRedrawn() {
        polls(
                4,
                progress(4, "building", 200, 50, null, "10.0"),
                progress(4, "serving", 200, 200, "2026-12-04T15:00:05Z", "12.5"));

        Commands.Result result = commands().onATerminal().run("analytics", "rebuild");

        assertThat(result.out())
                .contains(
                        "\r\u001b[K  building: 50 / 200 events (25%)"
                                + "\r\u001b[K  serving: 200 / 200 events (100%)"
                                + "\r\u001b[K  read 200 events");
    }

    @Test
    void elsewhereEveryTenthPollPrintsALine() {
        String[] answers = new String[13];
        for (int i = 0; i < 12; i++) {
            answers[i] = progress(5, "building", 1000, i * 10L, null, "null");
        }
        answers[12] = progress(5, "serving", 1000, 1000, "2026-12-04T15:00:05Z", "900.0");
        polls(5, answers);

        Commands.Result result = commands().run("analytics", "rebuild");

        assertThat(result.exit()).isZero();
        assertThat(result.out().lines().filter(l -> l.startsWith("  building:")))
                .containsExactly("  building: 90 / 1000 events");
        assertThat(result.out()).doesNotContain("\u001b[");
    }

    @Test
    void aRebuildAlreadyRunningIsNamedWithWhereToFollowIt() {
        analytics.answer(
                "POST",
                REBUILDS,
                FakeService.Answer.problem(
                        409,
                        "{\"type\":\"about:blank\",\"title\":\"A rebuild is already running\","
                                + "\"status\":409,\"detail\":\"Rebuild 3 is still running.\","
                                + "\"instance\":\"/api/analytics/admin/rebuilds\",\"generation\":3}"));

        Commands.Result result = commands().run("analytics", "rebuild");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo(
                        "Rebuild 3 is still running. Follow it: curl -H 'Authorization: Bearer"
                                + " ...' http://127.0.0.1:"
                                + analytics.port()
                                + "/api/analytics/admin/rebuilds/3\n");
    }

    @Test
    void anAbandonedRebuildSaysWhyAndThatNothingChanged() {
        polls(6, progress(6, "abandoned", 100, 40, null, "null"));

        Commands.Result result = commands().run("analytics", "rebuild");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo(
                        "Rebuild abandoned: no progress for PT2M. The served figures are"
                                + " unchanged.\n");
    }

    @Test
    void losingAnalyticsWhileFollowingStops() {
        analytics.answer(
                "POST",
                REBUILDS,
                FakeService.Answer.json(202, progress(7, "building", 0, 0, null, "null")));
        analytics.answer(
                "GET",
                REBUILDS + "/7",
                FakeService.Answer.problem(
                        503,
                        "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503}"));

        Commands.Result result = commands().run("analytics", "rebuild");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Lost analytics-service while rebuilding.\n");
    }

    @Test
    void saysWhenAnalyticsIsNotRunning() {
        analytics.close();

        Commands.Result result = commands().run("analytics", "rebuild");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err())
                .isEqualTo("analytics-service is not running (./platform up -d starts it).\n");
    }

    @Test
    void theDashboardAddressCarriesAnAnalystsToken() {
        Commands.Result result = commands().run("analytics", "dashboard");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .isEqualTo(
                        "http://127.0.0.1:"
                                + analytics.port()
                                + "/dashboard/#token=token-of-analyst-ivan\n");
    }

    @Test
    void anythingElseShowsTheUsage() {
        for (String[] args : new String[][] {{"analytics"}, {"analytics", "rebuilt"}}) {
            Commands.Result result = commands().run(args);

            assertThat(result.exit()).isEqualTo(1);
            assertThat(result.err())
                    .isEqualTo(
                            "usage: ./platform analytics rebuild | ./platform analytics"
                                    + " dashboard\n");
        }
    }

    @Test
    void secondsAreCutToOneDecimal() {
        assertThat(AnalyticsCommand.seconds(java.time.Duration.ofMillis(7345))).isEqualTo("7.3");
        assertThat(AnalyticsCommand.seconds(java.time.Duration.ofMillis(999))).isEqualTo("0.9");
        assertThat(AnalyticsCommand.seconds(java.time.Duration.ofMillis(12_050))).isEqualTo("12.0");
    }
}
