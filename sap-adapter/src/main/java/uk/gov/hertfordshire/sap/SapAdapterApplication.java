package uk.gov.hertfordshire.sap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Keeps SAP finance and HR in step with the platform: postings out exactly once, staff data in. */
@SpringBootApplication
public class SapAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(SapAdapterApplication.class, args);
    }
}
