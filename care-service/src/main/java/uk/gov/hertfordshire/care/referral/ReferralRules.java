package uk.gov.hertfordshire.care.referral;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What a referral must satisfy before it is stored, checked once here for both ways in. Each
 * problem names the field; all problems are reported together.
 */
public final class ReferralRules {

    static final int MAX_CONCERNS = 10_000;
    static final int MAX_TEXT = 200;

    private ReferralRules() {}

    /** The problems with this referral, received on {@code today} (London); empty if none. */
    public static List<FieldProblem> check(NewReferral referral, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        oneOf(problems, "category", referral.category(), ReferralCodes.CATEGORIES, true);
        oneOf(problems, "priority", referral.priority(), ReferralCodes.PRIORITIES, true);
        checkPerson(problems, referral, today);
        if (referral.concerns() == null || referral.concerns().isBlank()) {
            problems.add(new FieldProblem("concerns", "say what the concerns are"));
        } else if (referral.concerns().length() > MAX_CONCERNS) {
            problems.add(
                    new FieldProblem(
                            "concerns", "must be at most " + MAX_CONCERNS + " characters"));
        }
        length(problems, "referrerName", referral.referrerName());
        if ((referral.referrerSystem() == null) != (referral.referrerValue() == null)) {
            problems.add(
                    new FieldProblem(
                            "referrerIdentifier",
                            "give both the system and the value, or neither"));
        }
        length(problems, "referrerIdentifier.system", referral.referrerSystem());
        length(problems, "referrerIdentifier.value", referral.referrerValue());
        for (String risk : referral.riskIndicators()) {
            oneOf(problems, "riskIndicators", risk, ReferralCodes.RISK_INDICATORS, true);
        }
        oneOf(
                problems,
                "sourceCode",
                referral.sourceCode(),
                ReferralCodes.CIN_SOURCES.keySet(),
                false);
        oneOf(
                problems,
                "primaryNeedCode",
                referral.primaryNeedCode(),
                ReferralCodes.CIN_NEEDS.keySet(),
                false);
        checkLawfulBasis(problems, referral);
        return problems;
    }

    private static void checkPerson(
            List<FieldProblem> problems, NewReferral referral, LocalDate today) {
        Person person = referral.person();
        if (person == null) {
            problems.add(new FieldProblem("person", "say who is referred"));
            return;
        }
        if (person.familyName() == null || person.familyName().isBlank()) {
            problems.add(
                    new FieldProblem("person.familyName", "the person's family name is needed"));
        }
        length(problems, "person.familyName", person.familyName());
        length(problems, "person.givenName", person.givenName());
        length(problems, "person.address", person.address());
        length(problems, "person.postcode", person.postcode());
        if (person.nhsNumber() != null && !NhsNumber.isValid(person.nhsNumber())) {
            problems.add(
                    new FieldProblem(
                            "person.nhsNumber",
                            "not a valid NHS number: ten digits with a modulus-11 check digit"));
        }
        LocalDate born = person.birthDate();
        if (born == null) {
            problems.add(new FieldProblem("person.birthDate", "the date of birth is needed"));
        } else if (born.isAfter(today)) {
            problems.add(new FieldProblem("person.birthDate", "is in the future"));
        } else if (ReferralCodes.CATEGORIES.contains(referral.category())
                && ReferralCodes.ageGroupOf(referral.category()).equals("child")
                && Period.between(born, today).getYears() >= 18) {
            problems.add(
                    new FieldProblem(
                            "person.birthDate",
                            "the person is 18 or over, but '"
                                    + referral.category()
                                    + "' is a children's category"));
        }
    }

    private static void checkLawfulBasis(List<FieldProblem> problems, NewReferral referral) {
        oneOf(problems, "consent", referral.consent(), ReferralCodes.CONSENT, true);
        oneOf(problems, "article6", referral.article6(), ReferralCodes.ARTICLE_6, true);
        oneOf(problems, "article9", referral.article9(), ReferralCodes.ARTICLE_9, false);
        oneOf(
                problems,
                "schedule1Condition",
                referral.schedule1Condition(),
                ReferralCodes.SCHEDULE_1,
                false);
        if (referral.consent() == null || "given".equals(referral.consent())) {
            return;
        }
        if ("6(1)(a)".equals(referral.article6())) {
            problems.add(
                    new FieldProblem("article6", "consent was not given, so it cannot be 6(1)(a)"));
        }
        if ("9(2)(a)".equals(referral.article9())) {
            problems.add(
                    new FieldProblem("article9", "consent was not given, so it cannot be 9(2)(a)"));
        }
        if ("not_sought".equals(referral.consent())
                && !("9(2)(g)".equals(referral.article9())
                        && "para-18".equals(referral.schedule1Condition()))) {
            problems.add(
                    new FieldProblem(
                            "schedule1Condition",
                            "sharing without seeking consent needs Article 9(2)(g) with the DPA"
                                    + " 2018 Schedule 1 safeguarding condition (para-18)"));
        }
    }

    private static void oneOf(
            List<FieldProblem> problems,
            String field,
            String value,
            Collection<String> allowed,
            boolean required) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
        } else if (!allowed.contains(value)) {
            problems.add(
                    new FieldProblem(
                            field,
                            "'"
                                    + (value.length() > 40 ? value.substring(0, 40) : value)
                                    + "' is not one of "
                                    + String.join(", ", allowed.stream().sorted().toList())));
        }
    }

    private static void length(List<FieldProblem> problems, String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            problems.add(new FieldProblem(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }
}
