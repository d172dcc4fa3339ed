package uk.gov.hertfordshire.platform.support.http;

import javax.sql.DataSource;
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

        /**
         * Deletes expired keys on a thread of its own. Not a {@code ScheduledExecutorService} bean:
         * Spring Boot's task scheduler backs off when one exists and {@code @Scheduled} takes it
         * instead, so every scheduled job of the service would run on this one thread (and never on
         * virtual threads).
         */
        @Bean(destroyMethod = "close")
        IdempotencyKeyCleanup idempotencyKeyCleanup(IdempotencyStore store) {
            return new IdempotencyKeyCleanup(store);
        }
    }
}
