package uk.gov.hertfordshire.platform.govukpay;

import java.util.Map;
import java.util.Set;

/**
 * GOV.UK Pay's mock card numbers for a sandbox test account, as its documentation lists them ("Test
 * your integration", docs.payments.service.gov.uk/testing_govuk_pay): these succeed, these are
 * declined, this one is a provider error, Maestro is not accepted. Any other number is not a test
 * card and is refused on the card page, as a test account never takes a real card.
 */
final class MockCards {

    /** What the payment provider does with a card. */
    enum Outcome {
        /** Authorised: the user is asked to confirm. */
        AUTHORISED,
        /** Declined by the bank: the payment fails with P0010. */
        DECLINED,
        /** The provider answered with an error: the payment ends in {@code error}, P0050. */
        PROVIDER_ERROR,
        /** The card page refuses the card type before anything is sent. */
        TYPE_NOT_ACCEPTED,
        /** Not one of the test cards. */
        NOT_A_TEST_CARD
    }

    private static final Map<String, String> SUCCEEDING_BRANDS =
            Map.ofEntries(
                    Map.entry("4444333322221111", "Visa"),
                    Map.entry("4242424242424242", "Visa"),
                    Map.entry("4000056655665556", "Visa"),
                    Map.entry("4988080000000000", "Visa"),
                    Map.entry("4000160000000004", "Visa"),
                    Map.entry("4131840000000003", "Visa"),
                    Map.entry("4000620000000007", "Visa"),
                    Map.entry("4000000000000010", "Visa"),
                    Map.entry("5101110000000004", "Mastercard"),
                    Map.entry("5105105105105100", "Mastercard"),
                    Map.entry("5200828282828210", "Mastercard"),
                    Map.entry("371449635398431", "American Express"),
                    Map.entry("3566002020360505", "JCB"),
                    Map.entry("6011000990139424", "Discover"));

    /** Card declined, card expired, invalid CVC code: the bank refuses each. */
    private static final Set<String> DECLINED =
            Set.of("4000000000000002", "4000000000000069", "4000000000000127");

    private static final String GENERAL_ERROR = "4000000000000119";
    private static final String MAESTRO = "6759649826438453";

    private MockCards() {}

    static Outcome outcome(String digits) {
        if (SUCCEEDING_BRANDS.containsKey(digits)) {
            return Outcome.AUTHORISED;
        }
        if (DECLINED.contains(digits)) {
            return Outcome.DECLINED;
        }
        if (GENERAL_ERROR.equals(digits)) {
            return Outcome.PROVIDER_ERROR;
        }
        if (MAESTRO.equals(digits)) {
            return Outcome.TYPE_NOT_ACCEPTED;
        }
        return Outcome.NOT_A_TEST_CARD;
    }

    /** The card brand as GOV.UK Pay names it in {@code card_details.card_brand}. */
    static String brand(String digits) {
        String known = SUCCEEDING_BRANDS.get(digits);
        if (known != null) {
            return known;
        }
        return digits.startsWith("4") ? "Visa" : digits.startsWith("67") ? "Maestro" : "";
    }

    /** The Luhn check every card number passes; the card page checks it before anything else. */
    static boolean luhnValid(String digits) {
        if (digits.length() < 12
                || digits.length() > 19
                || !digits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
