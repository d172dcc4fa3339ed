package uk.gov.hertfordshire.platform.support.http;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.gov.hertfordshire.platform.support.SupportProperties;

/**
 * Correlation ids, problem details, strict request bodies and Idempotency-Key for servlet services.
 */
// Before MVC, so Spring Boot's own problem-details handler backs off in favour of ours.
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SupportProperties.class)
public class HttpSupportAutoConfiguration {

    /** Runs after Spring Security's filter chain (order -100), so the caller is known. */
    static final int IDEMPOTENCY_FILTER_ORDER = -90;

    private static final Logger log = LoggerFactory.getLogger(HttpSupportAutoConfiguration.class);

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration =
                new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Inside the correlation id (its answer carries it), outside every filter that may query. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter() {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    StrictRequestBodies strictRequestBodies() {
        return new StrictRequestBodies();
    }

    /** Idempotency-Key needs somewhere to keep keys: the service's database. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DataSource.class)
    static class IdempotencyConfiguration {

        @Bean
        IdempotencyStore idempotencyStore(DataSource dataSource, SupportProperties support) {
            return new IdempotencyStore(
                    new JdbcTemplate(dataSource),
                    support.idempotency().retention(),
                    support.idempotency().lease());
        }

        /** Applied to the transaction manager by Spring Boot, as every such listener is. */
        @Bean
        IdempotencyCommitListener idempotencyCommitListener(IdempotencyStore store) {
            return new IdempotencyCommitListener(store);
        }

        @Bean
        FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotencyStore store) {
            FilterRegistrationBean<IdempotencyKeyFilter> registration =
                    new FilterRegistrationBean<>(new IdempotencyKeyFilter(store));
            registration.setOrder(IDEMPOTENCY_FILTER_ORDER);
            return registration;
        }

        @Bean(destroyMethod = "shutdownNow")
        ScheduledExecutorService idempotencyKeyCleanup(IdempotencyStore store) {
            ScheduledExecutorService executor =
                    Executors.newSingleThreadScheduledExecutor(
                            runnable -> {
                                Thread thread = new Thread(runnable, "idempotency-key-cleanup");
                                thread.setDaemon(true);
                                return thread;
                            });
            executor.scheduleWithFixedDelay(
                    () -> {
                        try {
                            store.deleteExpired();
                        } catch (RuntimeException e) {
                            log.warn("Expired Idempotency-Key clean-up failed: {}", e.getMessage());
                        }
                    },
                    1,
                    60,
                    TimeUnit.MINUTES);
            return executor;
        }
    }
}
