package uk.gov.hertfordshire.care.referral;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Intake settings ({@code platform.care.*}).
 *
 * @param agencySources the Children in Need census referral source of each partner agency, by its
 *     {@code agency_id} (e.g. {@code nhs-herts: 3F}); an agency not listed is {@code 8} (other)
 */
@ConfigurationProperties("platform.care")
public record ReferralProperties(Map<String, String> agencySources) {

    public ReferralProperties {
        agencySources = agencySources == null ? Map.of() : Map.copyOf(agencySources);
    }

    /** The CIN referral source of a partner agency. */
    public String sourceOf(String agencyId) {
        return agencySources.getOrDefault(agencyId, "8");
    }
}
