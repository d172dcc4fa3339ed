package uk.gov.hertfordshire.platform.local.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs scenarios one after another under one steady load, then reconciles every acknowledged case
 * against analytics and prints the table. Each scenario's window runs from a steady stretch before
 * the loss, through the loss and the restart, to a steady stretch after it; a request belongs to
 * the window it was sent in.
 */
public final class ChaosRun implements Scenario.Context {

    /**
     * @param steadyCases acknowledged cases before each loss and again after the recovery
     * @param steadyLimit the most a steady stretch may take (reported if it runs out)
     * @param startLimit how long an instance may take to start and be healthy
     * @param countedLimit how long analytics may take to count every acknowledged case at the end
     */
    public record Settings(
            int steadyCases, Duration steadyLimit, Duration startLimit, Duration countedLimit) {

        public static Settings standard() {
            return new Settings(
                    30, Duration.ofSeconds(90), Duration.ofSeconds(180), Duration.ofMinutes(5));
        }
    }

    /** What a scenario's window saw. */
    public record Window(String scenario, long fromNanos, long toNanos) {}

    private final Instances instances;
    private final Gateway gateway;
    private final KafkaQuorum kafka;
    private final Settings settings;
    private final PrintStream progress;
    private final long origin = System.nanoTime();
    private Load load;
    private boolean failed;

    public ChaosRun(
            Instances instances,
            Gateway gateway,
            KafkaQuorum kafka,
            Settings settings,
            PrintStream progress) {
        this.instances = instances;
        this.gateway = gateway;
        this.kafka = kafka;
        this.settings = settings;
        this.progress = progress;
    }

    /** The scenarios under the load, reconciled; returns the table's rows. */
    public List<ChaosTable.Row> run(List<Scenario> scenarios, Load.Settings loadSettings)
            throws Exception {
        String token = gateway.benchToken();
        String analyst = gateway.personaToken("analyst-ivan");
        List<Window> windows = new ArrayList<>();
        say(
                "load: %d clients submitting cases and %d reading %s, one request per %d ms each",
                loadSettings.caseClients(),
                loadSettings.readClients(),
                loadSettings.page(),
                loadSettings.interval().toMillis());
        load = Load.start(gateway, token, loadSettings);
        try {
            for (Scenario scenario : scenarios) {
                say("== %s", scenario.name());
                long from = System.nanoTime();
                whileLoadRuns(settings.steadyCases(), settings.steadyLimit());
                try {
                    scenario.run(instances, this);
                } catch (Exception e) {
                    // The cluster may not be whole: report what was measured, run nothing more.
                    say(
                            "%s did not complete: %s; no further scenario runs",
                            scenario.name(), e.getMessage());
                    windows.add(new Window(scenario.name() + " (FAILED)", from, System.nanoTime()));
                    failed = true;
                    break;
                }
                whileLoadRuns(settings.steadyCases(), settings.steadyLimit());
                windows.add(new Window(scenario.name(), from, System.nanoTime()));
            }
        } finally {
            load.close();
        }
        List<Answer> answers = load.answers();
        List<String> acknowledged =
                answers.stream().filter(Answer::acknowledgedCase).map(Answer::caseId).toList();
        say(
                "load stopped: %d requests, %d cases acknowledged; waiting for analytics to count them",
                answers.size(), acknowledged.size());
        Map<String, Integer> counted = awaitCounted(analyst, acknowledged);
        List<ChaosTable.Row> rows = new ArrayList<>();
        for (Window window : windows) {
            rows.add(row(window, answers, counted));
        }
        long countedTwiceAnywhere = counted.values().stream().filter(n -> n > 1).count();
        if (countedTwiceAnywhere > 0) {
            say("analytics counts %d cases more than once", countedTwiceAnywhere);
        }
        return rows;
    }

    /** One scenario's row: its requests, and its acknowledged cases against analytics' count. */
    static ChaosTable.Row row(Window window, List<Answer> answers, Map<String, Integer> counted) {
        List<String> acknowledged =
                answers.stream()
                        .filter(Answer::acknowledgedCase)
                        .filter(
                                a ->
                                        a.sentNanos() >= window.fromNanos()
                                                && a.sentNanos() < window.toNanos())
                        .map(Answer::caseId)
                        .toList();
        return new ChaosTable.Row(
                window.scenario(),
                Tally.of(
                        answers, Answer.Kind.CASE_SUBMISSION, window.fromNanos(), window.toNanos()),
                Tally.of(answers, Answer.Kind.CONTENT_READ, window.fromNanos(), window.toNanos()),
                Reconciliation.of(acknowledged, counted));
    }

    private Map<String, Integer> awaitCounted(String analyst, List<String> acknowledged)
            throws InterruptedException {
        AtomicReference<Map<String, Integer>> last = new AtomicReference<>(Map.of());
        boolean all =
                Waiting.within(
                        settings.countedLimit(),
                        () -> {
                            last.set(gateway.countedContacts(analyst));
                            return last.get().keySet().containsAll(acknowledged);
                        });
        if (!all) {
            say(
                    "analytics had not counted every acknowledged case after %d s",
                    settings.countedLimit().toSeconds());
        }
        return last.get();
    }

    /** Whether a scenario could not complete (its instance did not come back, say). */
    public boolean failed() {
        return failed;
    }

    @Override
    public void say(String format, Object... args) {
        progress.printf(
                Locale.ROOT,
                "[%6.1f s] %s%n",
                (System.nanoTime() - origin) / 1e9,
                String.format(Locale.ROOT, format, args));
    }

    @Override
    public KafkaQuorum kafka() {
        return kafka;
    }

    @Override
    public void whileLoadRuns(int acknowledgedCases, Duration limit) throws InterruptedException {
        long since = System.nanoTime();
        Load running = load;
        if (!Waiting.within(limit, () -> running.acknowledgedSince(since) >= acknowledgedCases)) {
            say(
                    "only %d cases acknowledged in %d s (waited for %d)",
                    running.acknowledgedSince(since), limit.toSeconds(), acknowledgedCases);
        }
    }

    @Override
    public Duration startLimit() {
        return settings.startLimit();
    }
}
