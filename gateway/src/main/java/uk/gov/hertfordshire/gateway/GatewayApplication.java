package uk.gov.hertfordshire.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The one door for citizens, civic apps, partner agencies and staff tools. Routes are declared in
 * configuration; this module adds only what configuration cannot say.
 */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
