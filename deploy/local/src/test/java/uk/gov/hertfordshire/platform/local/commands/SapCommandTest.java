package uk.gov.hertfordshire.platform.local.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./platform sap reconcile}, against sap-adapter's ReconciliationController through the
 * gateway ({@code POST /api/sap/reconciliations}: 201 with Reconciliation.Result, {@code {"runId",
 * "period", "checked", "mismatches": [ReconciliationMismatchFound...]}}; 503 problem details when
 * SAP does not answer). Exit 0 clean, 1 mismatches, 2 bad usage, 3 not run.
 */
class SapCommandTest {

    private static final String RECONCILIATIONS = "/api/sap/reconciliations";

    private final FakeService idp = FakeIdentityProvider.start();
    private final FakeService gateway = new FakeService();

    @AfterEach
    void stop() {
        idp.close();
        gateway.close();
    }

    private Commands commands() {
        return Commands.with(idp).at("gateway", gateway);
    }

    private static String result(String period, int checked, String... kinds) {
        StringBuilder mismatches = new StringBuilder();
        for (int i = 0; i < kinds.length; i++) {
            mismatches
                    .append(i == 0 ? "" : ",")
                    .append("{\"postingId\":\"0b8f4c1e-1f7a-4d8e-9a55-3d2c1b0a9f0")
                    .append(i)
                    .append("\",\"sourceEventId\":\"7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d")
                    .append(i)
                    .append("\",\"period\":\"")
                    .append(period)
                    .append("\",\"kind\":\"")
                    .append(kinds[i])
                    .append("\",\"companyCode\":\"HC01\",\"ledgerAmountPence\":2500,")
                    .append("\"sapAmountPence\":0,\"sapDocumentCount\":0,")
                    .append("\"detectedAt\":\"2026-12-04T15:30:00Z\"}");
        }
        return "{\"runId\":\"5a0d4c2b-7e3f-4a1b-9c8d-6e5f4a3b2c1d\",\"period\":\""
                + period
                + "\",\"checked\":"
                + checked
                + ",\"mismatches\":["
                + mismatches
                + "]}";
    }

    @Test
    void aCleanMonthExitsZeroWithItsTable() {
        gateway.answer(
                "POST", RECONCILIATIONS, FakeService.Answer.json(201, result("2026-11", 600)));

        Commands.Result run = commands().run("sap", "reconcile", "2026-11");

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out())
                .isEqualTo(
                        "period      checked mismatches\n"
                                + "2026-11         600          0\n"
                                + "Clean: SAP holds every posting of 2026-11 once, with the"
                                + " ledger's amount.\n");
        assertThat(gateway.calls())
                .singleElement()
                .satisfies(
                        call -> {
                            assertThat(call.path()).isEqualTo(RECONCILIATIONS);
                            assertThat(call.body()).isEqualTo("{\"period\":\"2026-11\"}");
                            assertThat(call.header("Authorization"))
                                    .isEqualTo("Bearer token-of-admin-judy");
                            assertThat(call.header("Idempotency-Key"))
                                    .matches(
                                            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
                        });
    }

    @Test
    void mismatchesExitOneCountedByKind() {
        gateway.answer(
                "POST",
                RECONCILIATIONS,
                FakeService.Answer.json(
                        201, result("2026-11", 598, "missing", "amount_differs", "missing")));

        Commands.Result run = commands().run("sap", "reconcile", "2026-11");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out())
                .isEqualTo(
                        "period      checked mismatches\n"
                                + "2026-11         598          3\n"
                                + "Mismatches by kind:\n"
                                + "      1 amount_differs\n"
                                + "      2 missing\n");
    }

    @Test
    void withoutAMonthReconcilesLastMonthInLondon() {
        gateway.answer("POST", RECONCILIATIONS, FakeService.Answer.json(201, result("2026-06", 0)));
        // 1 July 00:30 in London (BST) is still 30 June in UTC: London's last month is June.
        Clock julyInLondon = Clock.fixed(Instant.parse("2026-06-30T23:30:00Z"), ZoneId.of("UTC"));

        Commands.Result run = commands().at(julyInLondon).run("sap", "reconcile");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(gateway.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.body()).isEqualTo("{\"period\":\"2026-06\"}"));
    }

    @Test
    void badUsageExitsTwoAndAsksNothing() {
        Clock december = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
        String usage =
                "usage: ./platform sap reconcile [YYYY-MM]   (default: last month in Europe/London)\n";
        for (List<String> args :
                List.of(
                        List.of("sap"),
                        List.of("sap", "reconcile", "2026-11", "again"),
                        List.of("sap", "reconcil"))) {
            Commands.Result run = commands().at(december).run(args.toArray(String[]::new));

            assertThat(run.exit()).as(args.toString()).isEqualTo(2);
            assertThat(run.err()).isEqualTo(usage);
        }
        for (String notAMonth : new String[] {"2026-13", "2026-00", "2026-1", "11-2026", "last"}) {
            Commands.Result run = commands().at(december).run("sap", "reconcile", notAMonth);

            assertThat(run.exit()).as(notAMonth).isEqualTo(2);
            assertThat(run.err())
                    .isEqualTo("Not a month: '" + notAMonth + "'. Give YYYY-MM, e.g. 2026-12.\n");
        }
        assertThat(gateway.received()).isEmpty();
        assertThat(idp.calls()).isEmpty();
    }

    @Test
    void sapNotAnsweringExitsThreeWithTheProblem() {
        String unavailable =
                "{\"type\":\"about:blank\",\"title\":\"SAP unavailable\",\"status\":503,"
                        + "\"detail\":\"SAP did not answer; nothing was recorded. Try again later.\","
                        + "\"instance\":\"/api/sap/reconciliations\"}";
        gateway.answer("POST", RECONCILIATIONS, FakeService.Answer.problem(503, unavailable));

        Commands.Result run = commands().run("sap", "reconcile", "2026-11");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("Reconciliation of 2026-11 not run (503): " + unavailable + "\n");
    }

    @Test
    void theGatewayNotAnsweringExitsThree() {
        gateway.close();

        Commands.Result run = commands().run("sap", "reconcile", "2026-11");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err())
                .isEqualTo(
                        "The gateway is not answering on :"
                                + gateway.port()
                                + "; ./platform up starts it.\n");
    }

    @Test
    void noTokenExitsThree() {
        idp.close();

        Commands.Result run = commands().run("sap", "reconcile", "2026-11");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).startsWith("The identity provider is not running on ");
        assertThat(gateway.received()).isEmpty();
    }

    @Test
    void notRunIsAWarningInYellowOnATerminal() {
        gateway.close();

        Commands.Result run = commands().onATerminal().run("sap", "reconcile", "2026-11");

        assertThat(run.err())
                .startsWith("\u001b[33mThe gateway is not answering")
                .endsWith("\u001b[0m\n");
    }
}
