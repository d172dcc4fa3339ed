package uk.gov.hertfordshire.cases;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Cases from every channel: the service that makes channel shift measurable. */
@SpringBootApplication
public class CaseServiceApplication {

    /** The one clock the service reads, so tests can fix time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(CaseServiceApplication.class, args);
    }
}
