package uk.gov.hertfordshire.platform.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring application context at the shared broker and at a database of its own. Used
 * through {@link PlatformIntegrationTest}.
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
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("platformTestInfrastructure", properties));
    }
}
