package uk.gov.hertfordshire.care.referral;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A referral as it arrives, from FHIR or the staff API, before it is checked and stored. The agency
 * is not here: it comes from the caller's token or the staff source, never from the body.
 *
 * @param referrerSystem the referrer's own identifier system, or null
 * @param referrerValue the referrer's own reference for the referral, or null
 * @param category one of {@link ReferralCodes#CATEGORIES}; says adult or child
 * @param priority {@code routine}, {@code urgent}, {@code asap} or {@code stat} (FHIR's codes)
 * @param sourceCode the Children in Need census referral source code, or null for the agency's
 * @param primaryNeedCode the Children in Need census primary need code ({@code N0}–{@code N9}), or
 *     null
 * @param consent {@code given}, {@code refused} or {@code not_sought}
 * @param article6 the UK GDPR Article 6 basis, e.g. {@code 6(1)(e)}
 * @param article9 the Article 9 condition, e.g. {@code 9(2)(g)}, or null
 * @param schedule1Condition the DPA 2018 Schedule 1 condition, e.g. {@code para-18}, or null
 * @param riskIndicators risk indicator codes, e.g. {@code domestic_abuse}
 */
public record NewReferral(
        String referrerSystem,
        String referrerValue,
        String category,
        String priority,
        Person person,
        String referrerName,
        String concerns,
        List<String> riskIndicators,
        String sourceCode,
        String primaryNeedCode,
        String consent,
        String article6,
        String article9,
        String schedule1Condition) {

    public NewReferral {
        // Not List.copyOf: a missing code ([null], or a FHIR coding without a code) must reach
        // the rules, which name it, not throw here.
        riskIndicators =
                riskIndicators == null
                        ? List.of()
                        : Collections.unmodifiableList(new ArrayList<>(riskIndicators));
    }

    /** Never the content: a record's default toString would put the person in a log line. */
    @Override
    public String toString() {
        return "NewReferral[category=" + category + ", priority=" + priority + "]";
    }
}
