package uk.gov.hertfordshire.platform.local.commands;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code ./platform deadletters [<service> [<group> <topic>]]}: each data-owning service's {@code
 * GET /actuator/deadletters} (what waits per subscription, what is parked), or one subscription's
 * re-drive ({@code POST /actuator/deadletters/<group>/<topic>}) to the handler that failed.
 * Operator endpoints need an ADMIN token: the local admin persona's.
 */
final class DeadLettersCommand {

    private static final String USAGE =
            "usage: ./platform deadletters [<service> [<group> <topic>]]";

    /** What Kafka allows in topic names, and all our consumer groups use. */
    private static final Pattern KAFKA_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    /** A re-drive handles every parked and waiting letter before it answers. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final LocalPlatform platform;
    private final Console console;
    private final TokenCommand tokens;

    DeadLettersCommand(LocalPlatform platform, Console console, TokenCommand tokens) {
        this.platform = platform;
        this.console = console;
        this.tokens = tokens;
    }

    int run(List<String> args) throws CommandFailure {
        String service = args.isEmpty() ? "" : args.get(0);
        String group = args.size() > 1 ? args.get(1) : "";
        String topic = args.size() > 2 ? args.get(2) : "";
        if (!service.isEmpty() && !platform.dataOwners().contains(service)) {
            throw CommandFailure.error(USAGE);
        }
        if (!group.isEmpty()
                && !topic.isEmpty()
                && !(KAFKA_NAME.matcher(group).matches() && KAFKA_NAME.matcher(topic).matches())) {
            throw CommandFailure.error(USAGE);
        }
        String auth = "Bearer " + tokens.mint(TokenCommand.ADMIN);
        if (service.isEmpty()) {
            for (String owner : platform.dataOwners()) {
                if (!platform.isUp(owner)) {
                    console.warn(owner + " is not running");
                    continue;
                }
                console.info(owner + ": " + send(owner, "GET", "", auth));
            }
            return 0;
        }
        if (group.isEmpty() || topic.isEmpty()) {
            console.info(send(service, "GET", "", auth));
            return 0;
        }
        console.info("Re-driving " + topic + "." + group + ".DLT to " + service + "'s handler...");
        console.info(send(service, "POST", "/" + group + "/" + topic, auth));
        return 0;
    }

    private String send(String service, String method, String path, String auth)
            throws CommandFailure {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(platform.uri(service, "/actuator/deadletters" + path))
                        .timeout(TIMEOUT)
                        .header("Authorization", auth);
        if (method.equals("POST")) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = platform.send(request.build());
        } catch (IOException e) {
            throw CommandFailure.error(
                    service + " did not answer on port " + platform.port(service) + ".");
        }
        if (response.statusCode() / 100 != 2) {
            throw CommandFailure.error(
                    service + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
