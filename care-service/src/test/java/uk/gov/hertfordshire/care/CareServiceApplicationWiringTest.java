package uk.gov.hertfordshire.care;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.testsupport.ServiceWiring;

/** The service starts against real Kafka and PostgreSQL with the shared library wired in. */
@CareIntegrationTest
class CareServiceApplicationWiringTest {

    @LocalServerPort int port;
    @Autowired DataSource dataSource;

    @Test
    void reportsHealthyWithItsOutboxSchemaAndTheDomainTopicsDeclared() throws Exception {
        ServiceWiring.assertWired(port, dataSource, Topics.ALL);
    }
}
