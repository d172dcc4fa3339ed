package uk.gov.hertfordshire.platform.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import uk.gov.hertfordshire.platform.support.testapp.TestServiceApplication;

/**
 * The application the library's tests run: the library's auto-configuration plus the small test
 * service in {@code testapp} (scanned alone, so the library is configured only as services get it).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackageClasses = TestServiceApplication.class)
public class SupportTestApplication {}
