package uk.gov.hertfordshire.care;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Adult and child care referrals from partner agencies, triaged against statutory clocks. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CareServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
