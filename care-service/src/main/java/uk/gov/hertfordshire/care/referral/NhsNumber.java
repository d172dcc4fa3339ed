package uk.gov.hertfordshire.care.referral;

import java.util.regex.Pattern;

/**
 * An NHS number: ten digits whose last is a modulus-11 check digit over the first nine (weights 10
 * down to 2; 11 minus the remainder, 11 becoming 0, and 10 meaning no valid number has those nine
 * digits). Spaces and hyphens as people write them ({@code 943 476 5919}) are accepted and dropped.
 */
public record NhsNumber(String value) {

    /** The FHIR identifier system NHS England defines for NHS numbers. */
    public static final String SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");

    public NhsNumber {
        if (value == null) {
            throw new IllegalArgumentException("an NHS number is required");
        }
        value = value.replaceAll("[\\s-]", "");
        if (!TEN_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("an NHS number is ten digits");
        }
        if (checkDigit(value) != value.charAt(9) - '0') {
            throw new IllegalArgumentException("the NHS number's check digit is wrong");
        }
    }

    /** Whether the text is a valid NHS number. */
    public static boolean isValid(String text) {
        try {
            new NhsNumber(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The check digit the first nine digits call for, or -1 if none is possible (remainder 1). */
    static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            return 0;
        }
        return check == 10 ? -1 : check;
    }

    /** Never the number itself: this record may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return "NhsNumber[***]";
    }
}
