package uk.gov.hertfordshire.platform.local.chaos;

import java.time.Duration;

/**
 * One way of losing part of the cluster. {@link #run} disrupts, lets the load run through the loss,
 * and brings everything back: it returns only once the cluster is whole and healthy again, so the
 * next scenario starts from a whole cluster.
 */
public interface Scenario {

    /** The row's label, e.g. "SIGKILL kafka-2 (a broker)". */
    String name();

    void run(Instances instances, Context context) throws Exception;

    /** What a scenario may use besides the instances. */
    interface Context {

        /** A progress line for the operator. */
        void say(String format, Object... args);

        /** Kafka, asked through its admin API. */
        KafkaQuorum kafka();

        /**
         * Waits until the load has had this many more cases acknowledged (or the limit passes,
         * which is reported, not thrown: the table shows what the loss did).
         */
        void whileLoadRuns(int acknowledgedCases, Duration limit) throws InterruptedException;

        /** How long a stopped instance may take to start again and be healthy. */
        Duration startLimit();
    }
}
