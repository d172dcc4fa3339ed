package uk.gov.hertfordshire.platform.local.commands;

import static uk.gov.hertfordshire.platform.local.commands.LocalPlatform.json;
import static uk.gov.hertfordshire.platform.local.commands.LocalPlatform.text;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./platform sap reconcile [YYYY-MM]}: compares what SAP holds for a month with
 * sap-adapter's posting ledger, through the gateway ({@code POST /api/sap/reconciliations}, as the
 * local admin persona). Exit 0 clean, 1 mismatches, 2 bad usage, 3 not run (SAP or the platform not
 * answering), so that a script can tell "wrong" from "could not look".
 */
final class SapCommand {

    static final int CLEAN = 0;
    static final int MISMATCHES = 1;
    static final int USAGE = 2;
    static final int NOT_RUN = 3;

    static final String GATEWAY = "gateway";

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

    private final LocalPlatform platform;
    private final Console console;
    private final TokenCommand tokens;
    private final Clock clock;

    SapCommand(LocalPlatform platform, Console console, TokenCommand tokens, Clock clock) {
        this.platform = platform;
        this.console = console;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The month asked for; last month in Europe/London where none is given. */
    static YearMonth period(List<String> args, Clock clock) throws CommandFailure {
        if (args.isEmpty() || !args.get(0).equals("reconcile") || args.size() > 2) {
            throw CommandFailure.of(
                    USAGE,
                    CommandFailure.Style.PLAIN,
                    "usage: ./platform sap reconcile [YYYY-MM]   (default: last month in Europe/London)");
        }
        String period = args.size() > 1 ? args.get(1) : "";
        if (period.isEmpty()) {
            return YearMonth.now(clock.withZone(LONDON)).minusMonths(1);
        }
        if (!MONTH.matcher(period).matches()) {
            throw CommandFailure.of(
                    USAGE,
                    CommandFailure.Style.PLAIN,
                    "Not a month: '"
                            + period
                            + "'. Give YYYY-MM, e.g. "
                            + YearMonth.now(clock)
                            + ".");
        }
        return YearMonth.parse(period);
    }

    int run(List<String> args) throws CommandFailure {
        YearMonth period = period(args, clock);
        String token;
        try {
            token = tokens.mint(TokenCommand.ADMIN);
        } catch (CommandFailure e) {
            throw e.withExitCode(NOT_RUN);
        }
        HttpResponse<String> response;
        try {
            response =
                    platform.send(
                            HttpRequest.newBuilder(
                                            platform.uri(GATEWAY, "/api/sap/reconciliations"))
                                    // SAP is read for the whole month, over its own time-outs.
                                    .timeout(Duration.ofMinutes(2))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    LocalPlatform.JSON.writeValueAsString(
                                                            Map.of("period", period.toString()))))
                                    .build());
        } catch (IOException e) {
            throw CommandFailure.of(
                    NOT_RUN,
                    CommandFailure.Style.WARNING,
                    "The gateway is not answering on :"
                            + platform.port(GATEWAY)
                            + "; ./platform up starts it.");
        }
        if (response.statusCode() != 201) {
            throw CommandFailure.of(
                    NOT_RUN,
                    CommandFailure.Style.WARNING,
                    "Reconciliation of "
                            + period
                            + " not run ("
                            + response.statusCode()
                            + "): "
                            + response.body());
        }
        JsonNode result = json(response.body());
        SortedMap<String, Integer> byKind = new TreeMap<>();
        int mismatches = 0;
        for (JsonNode mismatch : result.path("mismatches")) {
            byKind.merge(text(mismatch, "kind"), 1, Integer::sum);
            mismatches++;
        }
        console.info("%-10s %8s %10s".formatted("period", "checked", "mismatches"));
        console.info("%-10s %8s %10s".formatted(period, text(result, "checked"), mismatches));
        if (mismatches == 0) {
            console.info(
                    "Clean: SAP holds every posting of "
                            + period
                            + " once, with the ledger's amount.");
            return CLEAN;
        }
        console.info("Mismatches by kind:");
        byKind.forEach((kind, count) -> console.info("%7d %s".formatted(count, kind)));
        return MISMATCHES;
    }
}
