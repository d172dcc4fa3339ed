package uk.gov.hertfordshire.analytics.care;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import uk.gov.hertfordshire.analytics.support.AnalyticsClient;
import uk.gov.hertfordshire.platform.events.care.ClockBreached;
import uk.gov.hertfordshire.platform.events.care.ReferralDecided;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;
import uk.gov.hertfordshire.platform.testsupport.PlatformIntegrationTest;

/**
 * Care events published to the real broker are counted by agency, category and decision, with
 * breached clocks; one delivered twice counts once, and a decision that arrives before its
 * referral's receipt still lands on the same referral. Expected figures worked out by hand.
 */
@PlatformIntegrationTest
class CareProjectionIntegrationTest {

    static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    @LocalServerPort int port;

    @Test
    void referralsAreCountedByAgencyCategoryDecisionAndBreachedClock() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        try (AnalyticsClient analytics = new AnalyticsClient(port)) {
            // c is decided before its receipt arrives: the projection must not care.
            analytics.publish(
                    new ReferralDecided(
                            c,
                            "herts-police",
                            "adult_safeguarding",
                            "s42_enquiry",
                            AT,
                            AT.plusSeconds(7200)));
            UUID twice = UUID.randomUUID();
            analytics.publish(new ReferralReceived(a, "nhs-herts", "child_protection", AT), twice);
            analytics.publish(new ReferralReceived(a, "nhs-herts", "child_protection", AT), twice);
            analytics.publish(new ReferralReceived(b, "nhs-herts", "child_in_need", AT));
            analytics.publish(new ReferralReceived(c, "herts-police", "adult_safeguarding", AT));
            analytics.publish(
                    new ClockBreached(
                            b, "child_decision", AT.plusSeconds(86_400), AT.plusSeconds(90_000)));
            analytics.publish(
                    new ClockBreached(
                            b, "child_decision", AT.plusSeconds(86_400), AT.plusSeconds(90_000)));

            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    analytics
                                                            .json("/api/analytics/care")
                                                            .get("breachedClocks")
                                                            .size()
                                                    == 1
                                            && analytics
                                                            .json("/api/analytics/care")
                                                            .get("referrals")
                                                            .asLong()
                                                    == 3);
            JsonNode care = analytics.json("/api/analytics/care");

            // a, b from nhs-herts; c from herts-police. Only c is decided, within its target.
            assertThat(care.get("byAgency").toString())
                    .isEqualTo(
                            "[{\"code\":\"herts-police\",\"referrals\":1},"
                                    + "{\"code\":\"nhs-herts\",\"referrals\":2}]");
            assertThat(care.get("byCategory").toString())
                    .contains("{\"code\":\"child_protection\",\"referrals\":1}")
                    .contains("{\"code\":\"child_in_need\",\"referrals\":1}")
                    .contains("{\"code\":\"adult_safeguarding\",\"referrals\":1}");
            assertThat(care.get("byOutcome").toString())
                    .isEqualTo(
                            "[{\"code\":\"s42_enquiry\",\"referrals\":1},"
                                    + "{\"code\":\"undecided\",\"referrals\":2}]");
            assertThat(care.get("breachedClocks").toString())
                    .isEqualTo("[{\"code\":\"child_decision\",\"referrals\":1}]");
            assertThat(care.get("decidedWithinTarget").asLong()).isEqualTo(1);
        }
    }
}
