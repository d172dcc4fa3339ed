package uk.gov.hertfordshire.platform.local.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What a chaos scenario needs from whatever runs the cluster: which instances there are, their
 * processes, and bringing one back. Instance names are {@code <component>-<replica>}, e.g. {@code
 * kafka-2}, {@code case-service-1}; {@code ./platform up --cluster}'s {@code Cluster} implements
 * this.
 */
public interface Instances {

    /** The signals the scenarios send. */
    enum Signal {
        /** Gone at once, no shutdown hook, no flush: a machine losing power. */
        KILL,
        /** Frozen: the process holds its sockets but answers nothing (a long GC, a hung VM). */
        STOP,
        /** Thawed after {@link #STOP}. */
        CONT,
        /**
         * For the PostgreSQL postmaster: immediate shutdown, what {@code pg_ctl stop -m immediate}
         * sends: the server and its backends exit without a checkpoint, and the next start recovers
         * from the write-ahead log.
         */
        QUIT
    }

    /** The instances of a component, e.g. {@code [kafka-1, kafka-2, kafka-3]}. */
    List<String> instances(String component);

    /** The process id of a running instance; throws if it does not run. */
    long pid(String instance) throws IOException;

    /** Whether the instance answers its health check now. */
    boolean healthy(String instance);

    /**
     * Starts the instance again (only it; what it depends on already runs) and returns once it is
     * healthy, or throws after {@code limit}.
     */
    void start(String instance, Duration limit) throws IOException, InterruptedException;

    /** Kafka's bootstrap servers, e.g. {@code 127.0.0.1:9192,127.0.0.1:9292,127.0.0.1:9392}. */
    String kafkaBootstrapServers();

    /** The Kafka instance whose {@code node.id} this is. */
    String kafkaInstance(int nodeId);

    /** The instance of PostgreSQL's supervisor (LocalPostgres), started again by {@link #start}. */
    String postgresInstance();

    /** The postmaster's process id (the server itself, not its supervisor). */
    long postmasterPid() throws IOException;

    /** Sends a signal to a process (by id), with the operating system's {@code kill}. */
    static void signal(long pid, Signal signal) throws IOException, InterruptedException {
        Process kill =
                new ProcessBuilder("kill", "-" + signal.name(), Long.toString(pid))
                        .redirectErrorStream(true)
                        .start();
        String said = new String(kill.getInputStream().readAllBytes()).trim();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal.name() + " " + pid + " failed: " + said);
        }
    }
}
