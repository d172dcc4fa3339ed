package uk.gov.hertfordshire.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On the local platform a new user sees rate limiting as production has it: nothing exempts this
 * machine's address. Only the bench client, whose tokens the local identity provider issues, gets
 * room for the load {@code ./platform bench} sends.
 */
// Its own application context (the property repeats the default): this test spends the anonymous
// bucket of 127.0.0.1, which LocalProfileTest's context must keep.
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.limits.redis-uri=")
@ActiveProfiles("local")
class LocalRateLimitTest {

    /**
     * Sent at once, so the answer does not depend on how fast this machine is: well over an
     * anonymous caller's burst plus what refills while they are answered.
     */
    static final int REQUESTS = 300;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        ProfileProbe.wire(registry);
    }

    @LocalServerPort int port;

    @Value("${platform.limits.anonymous.burst}")
    long anonymousBurst;

    @Test
    void anOrdinaryLocalCallerGets429WhileTheBenchClientSendingTheSameRequestsDoesNot()
            throws Exception {
        ProfileProbe gateway = new ProfileProbe(port);

        List<Integer> ordinary = gateway.getAtOnce("/open311/v2/services.json", null, REQUESTS);
        List<Integer> bench =
                gateway.getAtOnce("/open311/v2/services.json", ProfileProbe.benchToken(), REQUESTS);

        assertThat(ordinary).as("anonymous from 127.0.0.1").contains(429);
        assertThat(ordinary.stream().filter(status -> status == 200).count())
                .as("its burst was served")
                .isGreaterThanOrEqualTo(anonymousBurst);
        assertThat(bench).as("the same requests with the bench client's token").containsOnly(200);
    }
}
