package uk.gov.hertfordshire.platform.local.commands;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ./platform care rotate | care export <nhs-number> | care clocks | care retention [--run]}:
 * care-service's operator endpoints, as the persona each needs; prints what care-service answers.
 */
final class CareCommand {

    static final String CARE_SERVICE = "care-service";

    /** Ten digits, spaces allowed between them (as NHS numbers are often written). */
    static final Pattern NHS_NUMBER = Pattern.compile("[0-9][0-9 ]{8,11}[0-9]");

    private static final String CARE_MANAGER = "caremanager-heidi";
    private static final String USAGE =
            "usage: ./platform care rotate | care export <nhs-number> | care clocks | care retention [--run]";

    /** What one subcommand asks: as whom, how, where, and the body (empty for none). */
    record Call(String persona, String method, String path, String body) {}

    private final LocalPlatform platform;
    private final Console console;
    private final TokenCommand tokens;

    CareCommand(LocalPlatform platform, Console console, TokenCommand tokens) {
        this.platform = platform;
        this.console = console;
        this.tokens = tokens;
    }

    /** The call a subcommand makes, or the usage it fails with. */
    static Call call(List<String> args) throws CommandFailure {
        String sub = args.isEmpty() ? "" : args.get(0);
        String second = args.size() > 1 ? args.get(1) : "";
        switch (sub) {
            case "rotate":
                return new Call(TokenCommand.ADMIN, "POST", "/api/care/admin/key-rotation", "");
            case "export":
                if (!NHS_NUMBER.matcher(second).matches()) {
                    throw CommandFailure.error("usage: ./platform care export <nhs-number>");
                }
                // In the body, never the URL: an NHS number must not show in an access log.
                return new Call(
                        CARE_MANAGER,
                        "POST",
                        "/api/care/subject-access",
                        LocalPlatform.JSON.writeValueAsString(Map.of("nhsNumber", second)));
            case "clocks":
                return new Call(CARE_MANAGER, "GET", "/api/care/clocks", "");
            case "retention":
                if (second.isEmpty()) {
                    return new Call(TokenCommand.ADMIN, "GET", "/api/care/retention", "");
                }
                if (second.equals("--run")) {
                    return new Call(TokenCommand.ADMIN, "POST", "/api/care/retention/run", "");
                }
                throw CommandFailure.error("usage: ./platform care retention [--run]");
            default:
                throw CommandFailure.error(USAGE);
        }
    }

    int run(List<String> args) throws CommandFailure {
        Call call = call(args);
        if (!platform.isUp(CARE_SERVICE)) {
            throw CommandFailure.error("care-service is not running; ./platform up starts it.");
        }
        String token = tokens.mint(call.persona());
        HttpRequest.Builder request =
                HttpRequest.newBuilder(platform.uri(CARE_SERVICE, call.path()))
                        // A key rotation or a retention run goes through every row.
                        .timeout(Duration.ofMinutes(10))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json");
        if (call.method().equals("POST")) {
            request.POST(HttpRequest.BodyPublishers.ofString(call.body()));
        }
        HttpResponse<String> response;
        try {
            response = platform.send(request.build());
        } catch (IOException e) {
            throw CommandFailure.error(
                    "care-service did not answer on port " + platform.port(CARE_SERVICE) + ".");
        }
        if (response.statusCode() != 200) {
            throw CommandFailure.error(
                    "care-service answered " + response.statusCode() + ": " + response.body());
        }
        console.info(response.body());
        return 0;
    }
}
