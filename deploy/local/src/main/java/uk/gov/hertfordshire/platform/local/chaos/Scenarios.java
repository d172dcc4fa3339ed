package uk.gov.hertfordshire.platform.local.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import uk.gov.hertfordshire.platform.local.cluster.Processes;

/** The scenarios of {@code ./platform chaos}, in the order they run (issue 14, item 2). */
public final class Scenarios {

    /** Acknowledged cases the load must get while a part is lost, showing the rest carries on. */
    static final int DURING_LOSS = 30;

    private Scenarios() {}

    /** Every scenario, in order, against a cluster with these components. */
    public static List<Scenario> all(Duration freeze, Duration postgresDown) {
        return List.of(
                kafkaBroker(),
                kafkaController(),
                replica("case-service", 2),
                replica("analytics-service", 2),
                frozen("case-service", 1, freeze),
                postgresImmediateStop(postgresDown));
    }

    /** SIGKILL of a Kafka broker that is not the active controller, then its restart. */
    public static Scenario kafkaBroker() {
        return new Named("SIGKILL a Kafka broker") {
            @Override
            public void run(Instances instances, Context context) throws Exception {
                int controller = context.kafka().activeController();
                String victim =
                        instances.instances("kafka").stream()
                                .filter(i -> !i.equals(instances.kafkaInstance(controller)))
                                .reduce((first, second) -> second)
                                .orElseThrow();
                context.say(
                        "active controller is node %d; the broker killed is %s",
                        controller, victim);
                killAndRestart(instances, context, victim);
                awaitKafkaWhole(context);
            }
        };
    }

    /** SIGKILL of the active KRaft controller, then its restart. */
    public static Scenario kafkaController() {
        return new Named("SIGKILL the Kafka active controller") {
            @Override
            public void run(Instances instances, Context context) throws Exception {
                int controller = context.kafka().activeController();
                String victim = instances.kafkaInstance(controller);
                context.say("active controller is node %d (%s)", controller, victim);
                kill(instances, context, victim);
                Waiting.until(
                        "a new active controller is elected",
                        Duration.ofSeconds(60),
                        () -> context.kafka().activeController() != controller);
                context.say(
                        "node %d is now the active controller", context.kafka().activeController());
                context.whileLoadRuns(DURING_LOSS, Duration.ofSeconds(60));
                restart(instances, context, victim);
                awaitKafkaWhole(context);
            }
        };
    }

    /** SIGKILL of one replica of a service while the load runs, then its restart. */
    public static Scenario replica(String component, int replica) {
        String victim = component + "-" + replica;
        return new Named("SIGKILL " + victim) {
            @Override
            public void run(Instances instances, Context context) throws Exception {
                killAndRestart(instances, context, victim);
            }
        };
    }

    /** SIGSTOP of one replica for a while, then SIGCONT. */
    public static Scenario frozen(String component, int replica, Duration freeze) {
        String victim = component + "-" + replica;
        return new Named("SIGSTOP " + victim + " for " + freeze.toSeconds() + " s") {
            @Override
            public void run(Instances instances, Context context) throws Exception {
                long pid = instances.pid(victim);
                Instances.signal(pid, Instances.Signal.STOP);
                context.say(
                        "%s (pid %d) stopped with SIGSTOP for %d s",
                        victim, pid, freeze.toSeconds());
                try {
                    Waiting.pause(freeze);
                } finally {
                    Instances.signal(pid, Instances.Signal.CONT);
                }
                context.say("%s continued (SIGCONT)", victim);
                Waiting.until(
                        victim + " is healthy again",
                        context.startLimit(),
                        () -> instances.healthy(victim));
            }
        };
    }

    /**
     * An immediate stop of PostgreSQL (SIGQUIT to the postmaster, as {@code pg_ctl stop -m
     * immediate}): the services answer without their database for a while, then it restarts.
     */
    public static Scenario postgresImmediateStop(Duration down) {
        return new Named("PostgreSQL immediate stop, restart") {
            @Override
            public void run(Instances instances, Context context) throws Exception {
                String postgres = instances.postgresInstance();
                long supervisor = instances.pid(postgres);
                long postmaster = instances.postmasterPid();
                Instances.signal(postmaster, Instances.Signal.QUIT);
                context.say(
                        "PostgreSQL stopped immediately (SIGQUIT to postmaster %d)", postmaster);
                Waiting.until(
                        "the postmaster exits",
                        Duration.ofSeconds(30),
                        () -> Processes.exited(postmaster));
                // Its supervisor exits when the postmaster does, so that it can be started again.
                Waiting.until(
                        "the PostgreSQL supervisor exits",
                        Duration.ofSeconds(30),
                        () -> Processes.exited(supervisor));
                Waiting.pause(down);
                long returning = System.nanoTime();
                restart(instances, context, postgres);
                context.say(
                        "PostgreSQL back after %d s down (start took %.1f s)",
                        down.toSeconds(), (System.nanoTime() - returning) / 1e9);
            }
        };
    }

    static void killAndRestart(Instances instances, Scenario.Context context, String victim)
            throws Exception {
        kill(instances, context, victim);
        context.whileLoadRuns(DURING_LOSS, Duration.ofSeconds(60));
        restart(instances, context, victim);
    }

    static void kill(Instances instances, Scenario.Context context, String victim)
            throws IOException, InterruptedException {
        long pid = instances.pid(victim);
        Instances.signal(pid, Instances.Signal.KILL);
        Waiting.until(
                victim + " (pid " + pid + ") is gone",
                Duration.ofSeconds(30),
                () -> Processes.exited(pid));
        context.say("%s (pid %d) killed with SIGKILL", victim, pid);
    }

    static void restart(Instances instances, Scenario.Context context, String victim)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        instances.start(victim, context.startLimit());
        Waiting.until(
                victim + " is healthy", context.startLimit(), () -> instances.healthy(victim));
        context.say(
                "%s started again, healthy after %.1f s",
                victim, (System.nanoTime() - started) / 1e9);
    }

    /** Every partition back to its full set of in-sync replicas. */
    static void awaitKafkaWhole(Scenario.Context context) throws InterruptedException {
        long started = System.nanoTime();
        Waiting.until(
                "every partition has all its replicas in sync",
                Duration.ofSeconds(120),
                () -> context.kafka().underReplicatedPartitions() == 0);
        context.say(
                "every partition fully replicated again after %.1f s",
                (System.nanoTime() - started) / 1e9);
    }

    private abstract static class Named implements Scenario {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
