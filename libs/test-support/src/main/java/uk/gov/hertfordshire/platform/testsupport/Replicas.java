package uk.gov.hertfordshire.platform.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * A second instance of a service beside the test's own application context, on the same database
 * and broker (as {@code ./platform up --cluster} runs two replicas on one database), and a way to
 * make both do the same work at the same moment: the test for "every scheduled job runs once across
 * replicas".
 */
public final class Replicas {

    /** What every replica shares with the first: its database and its broker. */
    private static final List<String> SHARED =
            List.of(
                    "spring.datasource.url",
                    "spring.datasource.username",
                    "spring.datasource.password",
                    "spring.kafka.bootstrap-servers");

    private Replicas() {}

    /**
     * Starts {@code application} again on the first instance's database and broker, trusting the
     * shared {@link TestIssuer}, on a free port.
     *
     * @param first the running instance's environment
     * @param alsoShared further properties to copy from it (a service's own infrastructure)
     * @param settings the replica's own settings (e.g. scheduling off, so the test drives the job)
     */
    public static ConfigurableApplicationContext startAnother(
            Class<?> application,
            Environment first,
            List<String> alsoShared,
            Map<String, String> settings) {
        Map<String, Object> properties = new LinkedHashMap<>(TestIssuer.shared().trustProperties());
        for (String name : SHARED) {
            properties.put(name, first.getRequiredProperty(name));
        }
        for (String name : alsoShared) {
            properties.put(name, first.getRequiredProperty(name));
        }
        properties.put("server.port", "0");
        properties.putAll(settings);
        // As command-line arguments: SpringApplicationBuilder.properties are defaults, below
        // application.yml, and the replica's settings must win as the test's own do.
        return new SpringApplicationBuilder(application)
                .run(
                        properties.entrySet().stream()
                                .map(p -> "--" + p.getKey() + "=" + p.getValue())
                                .toArray(String[]::new));
    }

    /**
     * Runs each job on a thread of its own, all released at the same moment, and returns their
     * results in order; fails if any throws or takes longer than {@code timeoutSeconds}.
     */
    @SafeVarargs
    public static <T> List<T> atOnce(long timeoutSeconds, Callable<T>... jobs) {
        CyclicBarrier start = new CyclicBarrier(jobs.length);
        ExecutorService threads = Executors.newFixedThreadPool(jobs.length);
        try {
            List<Future<T>> running = new ArrayList<>(jobs.length);
            for (Callable<T> job : jobs) {
                running.add(
                        threads.submit(
                                () -> {
                                    start.await(timeoutSeconds, TimeUnit.SECONDS);
                                    return job.call();
                                }));
            }
            List<T> results = new ArrayList<>(jobs.length);
            for (Future<T> result : running) {
                results.add(result.get(timeoutSeconds, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a replica's job failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a replica's job did not finish in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            threads.shutdownNow();
        }
    }
}
