package uk.gov.hertfordshire.platform.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a Spring application context at the shared broker, at a database of its own and at the
 * shared {@link TestIssuer} as its trusted identity providers. Used through {@link
 * PlatformIntegrationTest}.
 */
public class PlatformInfrastructureInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.shared();
        String purpose = context.getEnvironment().getProperty("spring.application.name", "test");
        TestInfrastructure.Database database = infrastructure.newDatabase(purpose);
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        sources.addFirst(new MapPropertySource("platformTestInfrastructure", properties));

        // Below a test's own properties, so a test can point a service at other issuers (Spring
        // Boot takes a list from one property source whole, never merged).
        MapPropertySource issuers =
                new MapPropertySource("platformTestIssuer", TestIssuer.shared().trustProperties());
        String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
        if (sources.contains(inlined)) {
            sources.addAfter(inlined, issuers);
        } else {
            sources.addFirst(issuers);
        }
    }
}
