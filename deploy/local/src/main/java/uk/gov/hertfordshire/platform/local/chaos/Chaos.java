package uk.gov.hertfordshire.platform.local.chaos;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./platform chaos}: every scenario of {@link Scenarios#all} against the running cluster
 * ({@code ./platform up --cluster}) under a steady load through the gateway, then the table. Exit 0
 * only when every scenario lost and duplicated nothing; 1 otherwise; 3 when no whole cluster runs.
 *
 * <pre>
 * java -Dplatform.root=. -Dplatform.data=./data -cp 'deploy/local/target/lib/*:...' \
 *     uk.gov.hertfordshire.platform.local.chaos.Chaos [--freeze S] [--postgres-down S]
 *     [--clients N] [--interval MS]
 * </pre>
 */
public final class Chaos {

    private Chaos() {}

    /** The command line's settings. */
    record Options(Duration freeze, Duration postgresDown, int clients, Duration interval) {

        static Options parse(List<String> args) {
            Duration freeze = Duration.ofSeconds(30);
            Duration postgresDown = Duration.ofSeconds(20);
            int clients = 2;
            Duration interval = Duration.ofMillis(100);
            for (int i = 0; i < args.size(); i++) {
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                switch (args.get(i)) {
                    case "--freeze" -> freeze = Duration.ofSeconds(positive(args.get(i), value));
                    case "--postgres-down" ->
                            postgresDown = Duration.ofSeconds(positive(args.get(i), value));
                    case "--clients" -> clients = (int) positive(args.get(i), value);
                    case "--interval" -> interval = Duration.ofMillis(positive(args.get(i), value));
                    default ->
                            throw new IllegalArgumentException("unknown argument " + args.get(i));
                }
                i++;
            }
            return new Options(freeze, postgresDown, clients, interval);
        }

        private static long positive(String option, String value) {
            if (value == null || !value.matches("[1-9][0-9]{0,5}")) {
                throw new IllegalArgumentException(option + " needs a positive whole number");
            }
            return Long.parseLong(value);
        }
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println(
                    e.getMessage()
                            + "\nusage: ./platform chaos [--freeze S] [--postgres-down S]"
                            + " [--clients N] [--interval MS]");
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("platform.root", ".")).toAbsolutePath().normalize();
        Path data =
                Path.of(System.getProperty("platform.data", root.resolve("data").toString()))
                        .toAbsolutePath()
                        .normalize()
                        .resolve("cluster");
        ClusterInstances instances = ClusterInstances.of(root, data, List.of(), out);
        List<String> unhealthy = instances.unhealthy();
        if (!unhealthy.isEmpty()) {
            err.println(
                    "./platform chaos needs the whole cluster running and healthy; not: "
                            + String.join(" ", unhealthy)
                            + "\nStart it with ./platform up --cluster (data in "
                            + data
                            + ").");
            System.exit(3);
            return;
        }
        Gateway gateway =
                new Gateway(
                        URI.create("http://127.0.0.1:8080"),
                        URI.create("http://127.0.0.1:9000"),
                        Duration.ofSeconds(10));
        List<ChaosTable.Row> rows;
        boolean failed;
        try (KafkaQuorum kafka = new KafkaQuorum(instances.kafkaBootstrapServers())) {
            ChaosRun run =
                    new ChaosRun(instances, gateway, kafka, ChaosRun.Settings.standard(), out);
            rows =
                    run.run(
                            Scenarios.all(options.freeze(), options.postgresDown()),
                            new Load.Settings(
                                    options.clients(),
                                    options.clients(),
                                    options.interval(),
                                    Gateway.STARTER_PAGE));
            failed = run.failed();
        }
        out.println();
        out.printf(
                "Chaos under load: %d clients submitting cases and %d reading a page through the"
                        + " gateway, one request per %d ms each (%s, %d cores)%n%n",
                options.clients(),
                options.clients(),
                options.interval().toMillis(),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        out.print(ChaosTable.render(rows));
        out.println();
        out.println(
                "gap: the longest stretch without a 2xx (cases, page reads); slowest: the longest"
                        + " any request took; acked: cases answered 2xx with an id; once: of those,"
                        + " counted by analytics exactly once; lost: never counted; dup: counted"
                        + " more than once.");
        boolean clean = !failed && rows.stream().allMatch(r -> r.reconciliation().clean());
        out.println(
                clean
                        ? "Clean: every acknowledged case counted exactly once in every scenario."
                        : failed
                                ? "NOT CLEAN: a scenario did not complete (see above)."
                                : "NOT CLEAN: see lost and dup above.");
        System.exit(clean ? 0 : 1);
    }
}
