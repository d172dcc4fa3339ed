package uk.gov.hertfordshire.care;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Adult and child care referrals from partner agencies, triaged against statutory clocks. */
@SpringBootApplication
public class CareServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CareServiceApplication.class, args);
    }
}
