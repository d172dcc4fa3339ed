package uk.gov.hertfordshire.analytics.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What the test thread sends to PostgreSQL, seen through a wrapper around the application's real
 * data source (as case-service's {@code StatementsPerRequestTest} counts a request's statements):
 * each statement prepared or executed, by its first words, and each commit. A test
 * auto-configuration (listed in {@code META-INF/spring/...AutoConfiguration.imports}), so every
 * analytics test shares one application context and one consumer group member; it records only
 * while a test asks it to, and only that test's own thread.
 */
@AutoConfiguration
public class StatementLog {

    private static final ThreadLocal<List<String>> recording = new ThreadLocal<>();

    /** The statements and commits {@code work} sends from the calling thread, in order. */
    public static List<String> during(Runnable work) {
        List<String> sent = new ArrayList<>();
        recording.set(sent);
        try {
            work.run();
        } finally {
            recording.remove();
        }
        return List.copyOf(sent);
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
