package uk.gov.hertfordshire.sap.connection;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** The SAP clients, with basic authentication, timeouts and the finance circuit breaker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SapConnectionProperties.class)
class ConnectionConfiguration {

    @Bean
    CircuitBreaker sapCircuitBreaker(SapConnectionProperties properties, MeterRegistry meters) {
        CircuitBreaker breaker =
                CircuitBreaker.of(
                        "sap",
                        CircuitBreakerConfig.custom()
                                .failureRateThreshold(properties.breaker().failureRate())
                                .slidingWindowSize(properties.breaker().window())
                                .minimumNumberOfCalls(properties.breaker().window())
                                .waitDurationInOpenState(properties.breaker().openFor())
                                .permittedNumberOfCallsInHalfOpenState(2)
                                .recordExceptions(SapUnavailableException.class)
                                .build());
        Gauge.builder(
                        "sap_circuit_open",
                        breaker,
                        b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0)
                .description("1 while calls to SAP finance are held back by the circuit breaker")
                .register(meters);
        return breaker;
    }

    @Bean
    SapFinance sapFinance(SapConnectionProperties properties, CircuitBreaker sapCircuitBreaker) {
        return new GuardedSapFinance(
                new S4JournalEntryClient(
                        client(properties, properties.baseUrl()),
                        new S4PurchaseOrderClient(
                                client(properties, properties.baseUrl()),
                                properties.purchasing().organization(),
                                properties.purchasing().group())),
                sapCircuitBreaker);
    }

    @Bean
    SapHr sapHr(SapConnectionProperties properties) {
        return new SuccessFactorsClient(client(properties, properties.hrBaseUrl()));
    }

    private static RestClient client(SapConnectionProperties properties, URI baseUrl) {
        JdkClientHttpRequestFactory factory =
                new JdkClientHttpRequestFactory(
                        HttpClient.newBuilder()
                                .connectTimeout(properties.connectTimeout())
                                .build());
        factory.setReadTimeout(properties.readTimeout());
        return RestClient.builder()
                .requestFactory(factory)
                .baseUrl(baseUrl.toString())
                .defaultHeaders(
                        headers -> headers.setBasicAuth(properties.user(), properties.password()))
                .build();
    }
}
