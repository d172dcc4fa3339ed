package uk.gov.hertfordshire.care;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@code PlatformIntegrationTest} as care-service runs: migrations as the database's owner, the
 * service as {@link CareInfrastructure#RUNTIME_ROLE}, keys in a temporary file.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.care.scheduling=false")
@ContextConfiguration(initializers = CareInfrastructure.class)
public @interface CareIntegrationTest {}
