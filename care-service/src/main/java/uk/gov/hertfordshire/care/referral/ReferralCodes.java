package uk.gov.hertfordshire.care.referral;

import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;

/**
 * The code lists a referral is recorded in: categories (as the event contract names them), the
 * Children in Need census's referral source and primary need codes, consent and the lawful bases
 * for sharing.
 */
public final class ReferralCodes {

    /** Categories, each adult or child. */
    public static final List<String> CATEGORIES = ReferralReceived.CATEGORIES;

    private static final Set<String> ADULT_CATEGORIES =
            Set.of("adult_safeguarding", "adult_social_care_assessment");

    /** FHIR ServiceRequest.priority codes. */
    public static final List<String> PRIORITIES = List.of("routine", "urgent", "asap", "stat");

    /** Children in Need census: source of referral (CIN census guide, table "referral source"). */
    public static final Map<String, String> CIN_SOURCES =
            Map.ofEntries(
                    Map.entry("1A", "Individual"),
                    Map.entry("1B", "Individual: family member, relative or carer"),
                    Map.entry("1C", "Individual: acquaintance"),
                    Map.entry("1D", "Individual: self"),
                    Map.entry("2A", "Schools"),
                    Map.entry("2B", "Education services"),
                    Map.entry("3A", "Health services: GP"),
                    Map.entry("3B", "Health services: health visitor"),
                    Map.entry("3C", "Health services: school nurse"),
                    Map.entry("3D", "Health services: other primary health services"),
                    Map.entry("3E", "Health services: A&E"),
                    Map.entry("3F", "Health services: other"),
                    Map.entry("4", "Housing"),
                    Map.entry("5A", "Local authority: social care"),
                    Map.entry("5B", "Local authority: other internal department"),
                    Map.entry("5C", "Local authority: external"),
                    Map.entry("5D", "Early help"),
                    Map.entry("6", "Police"),
                    Map.entry("7", "Other legal agency"),
                    Map.entry("8", "Other"),
                    Map.entry("9", "Anonymous"),
                    Map.entry("10", "Unknown"));

    /** Children in Need census: primary need code. */
    public static final Map<String, String> CIN_NEEDS =
            Map.of(
                    "N0", "Not stated",
                    "N1", "Abuse or neglect",
                    "N2", "Child's disability",
                    "N3", "Parental illness or disability",
                    "N4", "Family in acute stress",
                    "N5", "Family dysfunction",
                    "N6", "Socially unacceptable behaviour",
                    "N7", "Low income",
                    "N8", "Absent parenting",
                    "N9", "Cases other than children in need");

    public static final List<String> CONSENT = List.of("given", "refused", "not_sought");

    /** UK GDPR Article 6(1) bases a council shares care information under. */
    public static final List<String> ARTICLE_6 =
            List.of("6(1)(a)", "6(1)(c)", "6(1)(d)", "6(1)(e)");

    /** UK GDPR Article 9(2) conditions for special-category data. */
    public static final List<String> ARTICLE_9 =
            List.of("9(2)(a)", "9(2)(b)", "9(2)(c)", "9(2)(g)", "9(2)(h)");

    /**
     * DPA 2018 Schedule 1 conditions: paragraph 18, safeguarding of children and of individuals at
     * risk (the one that lets a referral be shared without consent), and 6, statutory purposes.
     */
    public static final List<String> SCHEDULE_1 = List.of("para-18", "para-6");

    /** Risk indicators a referrer may tick (codes, so they can be counted without narrative). */
    public static final List<String> RISK_INDICATORS =
            List.of(
                    "domestic_abuse",
                    "substance_misuse",
                    "mental_health",
                    "self_harm",
                    "neglect",
                    "physical_abuse",
                    "sexual_abuse",
                    "emotional_abuse",
                    "financial_abuse",
                    "exploitation",
                    "missing",
                    "self_neglect");

    private ReferralCodes() {}

    /** {@code adult} or {@code child} for a known category. */
    public static String ageGroupOf(String category) {
        return ADULT_CATEGORIES.contains(category) ? "adult" : "child";
    }
}
