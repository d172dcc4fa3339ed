package uk.gov.hertfordshire.platform.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full application context on a random port, against the shared real Kafka broker and a fresh
 * PostgreSQL database of its own, trusting the shared {@link TestIssuer}'s staff, citizen and
 * partner issuers: call it with {@code TestIssuer.shared().citizen("alice").bearer()}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = PlatformInfrastructureInitializer.class)
public @interface PlatformIntegrationTest {}
