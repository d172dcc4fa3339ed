package uk.gov.hertfordshire.platform.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a thread sends to PostgreSQL, seen through a wrapper around the application's real data
 * source: each statement prepared or executed, by its first three words in lower case, and each
 * commit. A regression guard for hot paths, counted rather than timed.
 *
 * <p>Opt in per module: {@code @Import(StatementLog.class)} on a test, or list this class in the
 * test's {@code META-INF/spring/...AutoConfiguration.imports} so every test shares one context. It
 * records only while asked to, and only the thread that asked.
 */
@Configuration(proxyBeanMethods = false)
public class StatementLog {

    private static final ThreadLocal<List<String>> recording = new ThreadLocal<>();

    /** The statements and commits {@code work} sends from the calling thread, in order. */
    public static List<String> during(Runnable work) {
        Recording recording = start();
        try {
            work.run();
        } finally {
            recording.stop();
        }
        return recording.sent();
    }

    /**
     * Starts recording the calling thread, for work that cannot be a {@link Runnable} (a servlet
     * filter's chain throws checked exceptions); {@link Recording#stop()} it on the same thread.
     */
    public static Recording start() {
        List<String> sent = new ArrayList<>();
        recording.set(sent);
        return new Recording(sent);
    }

    /** One thread's recording. */
    public static final class Recording {

        private final List<String> sent;

        private Recording(List<String> sent) {
            this.sent = sent;
        }

        /** Stops recording the calling thread and returns what it sent. */
        public List<String> stop() {
            recording.remove();
            return sent();
        }

        List<String> sent() {
            return List.copyOf(sent);
        }
    }

    @Bean
    static BeanPostProcessor statementLoggingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource
                        ? watch(DataSource.class, dataSource)
                        : bean;
            }
        };
    }

    /**
     * The target behind a proxy that records what reaches PostgreSQL: a statement prepared or
     * executed (by its first words) and a commit; connections and plain statements it hands out are
     * watched the same way.
     */
    @SuppressWarnings("unchecked")
    private static <T> T watch(Class<T> type, Object target) {
        return (T)
                Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (self, method, args) -> {
                            String name = method.getName();
                            if ((name.equals("prepareStatement")
                                            || name.startsWith("execute")
                                            || name.equals("prepareCall"))
                                    && args != null
                                    && args.length > 0
                                    && args[0] instanceof String sql) {
                                record(firstWords(sql));
                            } else if (name.equals("commit")) {
                                record("commit");
                            }
                            Object result;
                            try {
                                result = method.invoke(target, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                            if (name.equals("getConnection")) {
                                return watch(Connection.class, result);
                            }
                            if (name.equals("createStatement")) {
                                return watch(Statement.class, result);
                            }
                            return result;
                        });
    }

    private static void record(String what) {
        List<String> sent = recording.get();
        if (sent != null) {
            sent.add(what);
        }
    }

    private static String firstWords(String sql) {
        String[] words = sql.trim().toLowerCase(Locale.ROOT).split("\\s+");
        return String.join(" ", List.of(words).subList(0, Math.min(3, words.length)));
    }
}
