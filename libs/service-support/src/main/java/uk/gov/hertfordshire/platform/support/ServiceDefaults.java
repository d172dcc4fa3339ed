package uk.gov.hertfordshire.platform.support;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Defaults every service shares, at the lowest precedence so a service or an environment can
 * override any of them: no error internals in responses, virtual threads where the JDK has them
 * (the setting is ignored below Java 21), the operator endpoints, latency histograms with the SLO
 * thresholds as buckets, trace context in W3C form with sampling off until it is switched on,
 * connection-pool and driver timeouts that answer rather than hang while PostgreSQL is down, and
 * the local identity provider's issuers as the ones to trust.
 *
 * <p>The issuers are a list, given here by index. Spring Boot binds a list from the one property
 * source of highest precedence that has it, so an environment that sets {@code
 * platform.security.issuers} (a deployment's configuration, {@code
 * PLATFORM_SECURITY_ISSUERS_0_ISSUER} and so on) replaces these three whole: production never also
 * trusts the loopback issuers.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS =
            Map.ofEntries(
                    Map.entry("server.error.include-stacktrace", "never"),
                    Map.entry("server.error.include-message", "never"),
                    Map.entry("server.error.include-exception", "false"),
                    Map.entry("server.error.include-binding-errors", "never"),
                    Map.entry("spring.mvc.problemdetails.enabled", "true"),
                    Map.entry("spring.threads.virtual.enabled", "true"),
                    // Nothing listens for a ServletRequestHandledEvent: not one per request.
                    Map.entry("spring.mvc.publish-request-handled-events", "false"),
                    Map.entry("spring.kafka.listener.observation-enabled", "true"),
                    // A consumer's fetch waits for 16 KB of events or 500 ms (Kafka's own wait,
                    // so an idle consumer fetches no more often than before), whichever comes
                    // first, rather than returning with each single event: under load a fetch, an
                    // inbox transaction and an offset commit per dozen events instead of per
                    // event, for the broker, PostgreSQL and the consumer (ADR 38).
                    Map.entry("spring.kafka.consumer.fetch-min-size", "16KB"),
                    Map.entry("spring.kafka.consumer.fetch-max-wait", "500ms"),
                    // While PostgreSQL is down a request waits at most this long for a connection
                    // and is then answered 503 (Hikari's own default is 30 s: a hung request).
                    Map.entry("spring.datasource.hikari.connection-timeout", "2000"),
                    Map.entry("spring.datasource.hikari.validation-timeout", "1000"),
                    // At start-up the pool keeps trying for its first connection for up to a
                    // minute (Hikari's default is one attempt): with every service of the platform
                    // starting at once on two cores, PostgreSQL can take longer than the driver's
                    // login timeout to answer, and the service died in Flyway (a first start of
                    // the local platform, 2026-12-05). Not while serving: a request still waits
                    // at most the connection timeout above.
                    Map.entry("spring.datasource.hikari.initialization-fail-timeout", "60000"),
                    // Idle connections are tested every 30 s, so those a restart broke are
                    // replaced before a request meets them.
                    Map.entry("spring.datasource.hikari.keepalive-time", "30000"),
                    // The driver's own bounds, for the pool's connection attempts and for a
                    // statement whose server went silent without closing the connection (a lost
                    // network, not a stop: a stop closes it at once). Seconds.
                    Map.entry(
                            "spring.datasource.hikari.data-source-properties[connectTimeout]", "2"),
                    Map.entry("spring.datasource.hikari.data-source-properties[loginTimeout]", "3"),
                    Map.entry(
                            "spring.datasource.hikari.data-source-properties[socketTimeout]", "30"),
                    Map.entry(
                            "spring.datasource.hikari.data-source-properties[tcpKeepAlive]",
                            "true"),
                    Map.entry(
                            "management.endpoints.web.exposure.include",
                            "health,info,prometheus,deadletters"),
                    Map.entry("management.endpoint.health.probes.enabled", "true"),
                    // Latency histograms per route with the SLO thresholds as buckets
                    // (docs/slo.md).
                    Map.entry(
                            "management.metrics.distribution.slo.http.server.requests",
                            "100ms,250ms,500ms,1s,2500ms,5s,10s"),
                    Map.entry("management.tracing.propagation.type", "w3c"),
                    // No trace exemplars on metrics: Prometheus before 2.43 (Debian 12 ships 2.42)
                    // drops a whole scrape whose histogram _count carries one. Trace ids are in
                    // every log line instead.
                    Map.entry(
                            "spring.autoconfigure.exclude",
                            "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus"
                                    + ".PrometheusExemplarsAutoConfiguration"),
                    // Tracing off unless switched on (PLATFORM_TRACING=on, or a deployment's
                    // sampling probability and OTLP endpoint): no span is recorded or exported,
                    // but trace and span ids are still made, propagated and logged (ADR 21).
                    Map.entry("management.tracing.sampling.probability", "0.0"),
                    Map.entry(
                            "logging.pattern.correlation",
                            "[%X{traceId:-},%X{spanId:-},%X{correlationId:-}] "),
                    Map.entry("platform.security.issuers[0].issuer", "http://127.0.0.1:9000/staff"),
                    Map.entry(
                            "platform.security.issuers[0].grantable-roles",
                            "AGENT,OFFICER,EDITOR,PUBLISHER,PRACTITIONER,CARE_MANAGER,ANALYST,ADMIN"),
                    Map.entry(
                            "platform.security.issuers[1].issuer",
                            "http://127.0.0.1:9000/citizens"),
                    Map.entry("platform.security.issuers[1].grantable-roles", "CITIZEN"),
                    Map.entry(
                            "platform.security.issuers[2].issuer",
                            "http://127.0.0.1:9000/partners"),
                    Map.entry("platform.security.issuers[2].grantable-roles", "PARTNER"),
                    Map.entry("platform.security.audience", "hertfordshire-platform"));

    @Override
    public void postProcessEnvironment(
            ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(DEFAULTS, environment.getPropertySources());
    }
}
