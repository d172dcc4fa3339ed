package uk.gov.hertfordshire.care.rights;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.care.decision.Decision;
import uk.gov.hertfordshire.care.decision.Decisions;
import uk.gov.hertfordshire.care.protection.AccessAudit;
import uk.gov.hertfordshire.care.referral.Person;
import uk.gov.hertfordshire.care.referral.Referral;
import uk.gov.hertfordshire.care.referral.Referrals;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * A subject access export (UK GDPR Article 15): everything care-service holds about one person,
 * found by NHS number or by name and date of birth, as one JSON document: each referral with its
 * details, decision and reasons, and its access trail. Every referral read for it is audited with
 * purpose {@code subject-access}.
 */
@Service
public class SubjectAccess {

    private final Referrals referrals;
    private final Decisions decisions;
    private final AccessAudit audit;
    private final Clock clock;

    SubjectAccess(Referrals referrals, Decisions decisions, AccessAudit audit, Clock clock) {
        this.referrals = referrals;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Export export(Person person, Caller caller) {
        if (person.nhsNumber() == null
                && (person.familyName() == null || person.birthDate() == null)) {
            throw new IllegalArgumentException(
                    "give the NHS number, or the family name, given name and date of birth");
        }
        List<Held> held =
                referrals.ofPerson(person, caller, "subject-access").stream()
                        .map(
                                referral ->
                                        new Held(
                                                referral,
                                                decisions.find(referral.id()).orElse(null),
                                                audit.trail(referral.id())))
                        .toList();
        return new Export(Instant.now(clock), caller.id(), held);
    }

    /** The export: when, by whom, and everything held. */
    public record Export(Instant exportedAt, String exportedBy, List<Held> referrals) {}

    /** One referral as held, with its decision (or null) and who has accessed it. */
    public record Held(Referral referral, Decision decision, List<AccessAudit.Entry> accesses) {}
}
