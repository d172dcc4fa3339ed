package uk.gov.hertfordshire.care.clocks;

/**
 * The statutory and local clocks a referral runs against, by their wire codes.
 *
 * <ul>
 *   <li>{@code triage}: RAG triage by priority (red 4, amber 24, green 72 working hours by
 *       default); stops when a practitioner proposes a decision.
 *   <li>{@code child_decision}: a decision on a child referral within one working day (Working
 *       Together to Safeguard Children); stops when a care manager decides.
 *   <li>{@code s42_decision}: the local target for deciding an adult safeguarding referral (Care
 *       Act 2014 s42); stops on the decision.
 *   <li>{@code child_and_family_assessment}: 45 working days from the referral, started when the
 *       decision is a child and family assessment.
 * </ul>
 */
public enum ClockKind {
    TRIAGE("triage"),
    CHILD_DECISION("child_decision"),
    S42_DECISION("s42_decision"),
    CHILD_AND_FAMILY_ASSESSMENT("child_and_family_assessment");

    private final String code;

    ClockKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static ClockKind fromCode(String code) {
        for (ClockKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown clock " + code);
    }
}
