package uk.gov.hertfordshire.analytics;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Projections and rollups rebuilt from the event log, for the operations team. */
@SpringBootApplication
public class AnalyticsServiceApplication {

    /** Consumer group of this service's live projections. */
    public static final String CONSUMER_GROUP = "analytics-service";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(AnalyticsServiceApplication.class, args);
    }
}
