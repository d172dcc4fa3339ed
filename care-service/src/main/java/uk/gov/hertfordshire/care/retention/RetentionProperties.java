package uk.gov.hertfordshire.care.retention;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retention rule ({@code platform.care.retention.*}).
 *
 * @param closedFor how long after its closure a referral keeps what identifies the person; the
 *     council's retention schedule sets it (default six years, the usual schedule for adult and
 *     child referrals that did not become a case)
 */
@ConfigurationProperties("platform.care.retention")
public record RetentionProperties(@DefaultValue("P6Y") Period closedFor) {}
