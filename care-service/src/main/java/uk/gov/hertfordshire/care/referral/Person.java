package uk.gov.hertfordshire.care.referral;

import java.time.LocalDate;

/**
 * The person referred. Every field is personal data: it is stored sealed (see {@code protection})
 * and never logged, evented or shown to anyone but care staff.
 *
 * @param nhsNumber the NHS number as given (checked by {@link ReferralRules}), or null when the
 *     referrer does not know it
 * @param postcode the postcode of the address, or null
 */
public record Person(
        String givenName,
        String familyName,
        LocalDate birthDate,
        String nhsNumber,
        String address,
        String postcode) {

    /** Never the person: a record's default toString would put them in a log line. */
    @Override
    public String toString() {
        return "Person[***]";
    }
}
