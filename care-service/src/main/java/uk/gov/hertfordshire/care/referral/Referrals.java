package uk.gov.hertfordshire.care.referral;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.care.clocks.StatutoryClocks;
import uk.gov.hertfordshire.care.practitioner.PractitionerDirectory;
import uk.gov.hertfordshire.care.protection.AccessAudit;
import uk.gov.hertfordshire.care.protection.FieldCipher;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.support.calendar.WorkingCalendar;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Receives, finds and closes referrals: the referral aggregate's one application service. Every
 * read and write is audited in the same transaction; every new referral writes {@code
 * care.referral-received.v1} (codes only) to the outbox and starts its statutory clocks.
 */
@Service
public class Referrals {

    /** A referral of the same person within this long of an earlier one is a repeat. */
    static final long REPEAT_WITHIN_DAYS = 365;

    private final ReferralRepository referrals;
    private final AccessAudit audit;
    private final FieldCipher cipher;
    private final Outbox outbox;
    private final StatutoryClocks clocks;
    private final PractitionerDirectory practitioners;
    private final Clock clock;

    Referrals(
            ReferralRepository referrals,
            AccessAudit audit,
            FieldCipher cipher,
            Outbox outbox,
            StatutoryClocks clocks,
            PractitionerDirectory practitioners,
            Clock clock) {
        this.referrals = referrals;
        this.audit = audit;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clocks = clocks;
        this.practitioners = practitioners;
        this.clock = clock;
    }

    /**
     * Stores a referral from an agency or a staff-recorded source. A referral whose identifier the
     * same agency already used returns that referral and stores nothing.
     *
     * @param agencyId the partner's {@code agency_id} from its token, or a fixed source code
     * @param defaultSourceCode the CIN referral source when the referral does not give one
     * @throws InvalidReferralException naming every field that breaks a rule
     */
    @Transactional
    public Intake receive(
            NewReferral sent, String agencyId, String defaultSourceCode, Caller caller) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<FieldProblem> problems =
                ReferralRules.check(sent, LocalDate.ofInstant(now, WorkingCalendar.COUNCIL_TIME));
        if (!problems.isEmpty()) {
            throw new InvalidReferralException(problems);
        }
        if (sent.referrerSystem() != null) {
            Optional<Referral> earlier = resent(sent, agencyId, caller);
            if (earlier.isPresent()) {
                return new Intake(earlier.get(), false);
            }
        }
        Person person = sent.person();
        String nhsNumber =
                person.nhsNumber() == null ? null : new NhsNumber(person.nhsNumber()).value();
        Person normalised =
                new Person(
                        person.givenName(),
                        person.familyName(),
                        person.birthDate(),
                        nhsNumber,
                        person.address(),
                        person.postcode());
        byte[] nhsHash = nhsNumber == null ? null : cipher.lookupHash(nhsNumber);
        byte[] personHash = personHash(normalised);
        UUID repeatOf =
                referrals
                        .latestOfPerson(
                                nhsHash, personHash, now.minus(REPEAT_WITHIN_DAYS, ChronoUnit.DAYS))
                        .orElse(null);
        Referral referral =
                new Referral(
                        UUID.randomUUID(),
                        referrals.nextReference(),
                        agencyId,
                        sent.referrerSystem(),
                        sent.referrerValue(),
                        ReferralCodes.ageGroupOf(sent.category()),
                        sent.category(),
                        sent.priority(),
                        sent.sourceCode() != null ? sent.sourceCode() : defaultSourceCode,
                        sent.primaryNeedCode(),
                        sent.consent(),
                        sent.article6(),
                        sent.article9(),
                        sent.schedule1Condition(),
                        new Referral.Details(
                                normalised,
                                sent.referrerName(),
                                sent.concerns(),
                                sent.riskIndicators()),
                        "active",
                        now,
                        caller.id(),
                        repeatOf,
                        null);
        if (!referrals.insertIfNew(referral, nhsHash, personHash)) {
            // Another request with the same identifier won the race: answer with its referral.
            return resent(sent, agencyId, caller)
                    .map(earlier -> new Intake(earlier, false))
                    .orElseThrow(
                            () -> new IllegalStateException("a referral conflicted and vanished"));
        }
        audit.record(caller.id(), "referral.create", referral.id(), "intake");
        outbox.append(
                new ReferralReceived(referral.id().toString(), agencyId, referral.category(), now));
        clocks.start(
                referral.id(), referral.ageGroup(), referral.category(), referral.priority(), now);
        return new Intake(referral, true);
    }

    private Optional<Referral> resent(NewReferral sent, String agencyId, Caller caller) {
        Optional<Referral> earlier =
                referrals.findByReferrerIdentifier(
                        agencyId, sent.referrerSystem(), sent.referrerValue());
        earlier.ifPresent(
                found -> audit.record(caller.id(), "referral.read", found.id(), "resend-matched"));
        return earlier;
    }

    /**
     * The referral, if the caller may read it; the read is audited. One the caller may not read is
     * reported as absent, exactly like one that does not exist.
     */
    @Transactional
    public Optional<Referral> read(UUID id, Caller caller, String purpose) {
        Optional<Referral> found =
                referrals.find(id).filter(referral -> ReferralAccess.mayRead(caller, referral));
        found.ifPresent(referral -> audit.record(caller.id(), "referral.read", id, purpose));
        return found;
    }

    /**
     * The referrals with this referrer identifier that the caller may read: a partner's own
     * agency's only, any agency's for care staff. Each read is audited.
     */
    @Transactional
    public List<Referral> findByIdentifier(Caller caller, String system, String value) {
        String agency = ReferralAccess.isCareStaff(caller) ? null : caller.agencyId();
        if (agency == null && !ReferralAccess.isCareStaff(caller)) {
            return List.of();
        }
        List<Referral> found =
                referrals.findByReferrerIdentifierInAny(agency, system, value).stream()
                        .filter(referral -> ReferralAccess.mayRead(caller, referral))
                        .toList();
        found.forEach(
                referral -> audit.record(caller.id(), "referral.read", referral.id(), "search"));
        return found;
    }

    /**
     * Assigns an undecided referral to a practitioner: someone the practitioner directory holds,
     * whom SAP HR last described as active and holding the practitioner role. The assignment is
     * audited.
     *
     * @throws AssignmentRefusedException 404 for a referral the caller cannot see, 409 for one
     *     already decided, 422 naming why the person cannot take it
     */
    @Transactional
    public Referral assign(UUID id, String staffId, Caller caller) {
        Referral referral =
                referrals
                        .find(id)
                        .filter(found -> ReferralAccess.mayRead(caller, found))
                        .orElseThrow(
                                () ->
                                        new AssignmentRefusedException(
                                                HttpStatus.NOT_FOUND,
                                                "No referral was found with this id."));
        if (staffId == null || staffId.isBlank()) {
            throw new AssignmentRefusedException(
                    HttpStatus.UNPROCESSABLE_CONTENT, "staffId: say whom to assign it to");
        }
        PractitionerDirectory.Practitioner practitioner =
                practitioners
                        .find(staffId)
                        .orElseThrow(
                                () ->
                                        new AssignmentRefusedException(
                                                HttpStatus.UNPROCESSABLE_CONTENT,
                                                "staffId: no practitioner with this staff id is"
                                                        + " known from SAP HR"));
        if (!practitioner.active()) {
            throw new AssignmentRefusedException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "staffId: SAP HR says this person is no longer active");
        }
        if (!practitioner.canTakeReferrals()) {
            throw new AssignmentRefusedException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "staffId: this person does not hold the PRACTITIONER role");
        }
        if (!referrals.assign(id, staffId)) {
            throw new AssignmentRefusedException(
                    HttpStatus.CONFLICT, "The referral has already been decided.");
        }
        audit.record(caller.id(), "referral.assign", id, "allocation");
        return referrals.find(referral.id()).orElseThrow();
    }

    /**
     * Closes an active referral once decided: {@code completed} or {@code revoked}. Called by the
     * decision feature inside its transaction.
     *
     * @throws IllegalStateException if the referral is not active
     */
    @Transactional
    public void close(UUID id, String status, Instant at) {
        if (!referrals.close(id, status, at)) {
            throw new IllegalStateException("the referral is not active");
        }
    }

    /**
     * Closed referrals not yet anonymised whose closure is before {@code closedBefore}, oldest
     * first. With {@code lock} the rows are claimed {@code FOR UPDATE SKIP LOCKED} for the caller's
     * transaction, so two runs of the retention rule never take the same one.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Closed> closedBefore(Instant closedBefore, int limit, boolean lock) {
        return referrals.closedBefore(closedBefore, limit, lock);
    }

    /** Anonymises a closed referral under the retention rule; audited as a write. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void anonymise(UUID id, String actor, Instant at) {
        referrals.anonymise(id, at);
        audit.record(actor, "referral.anonymise", id, "retention");
    }

    /** Every referral held about one person (found by NHS number or name and date of birth). */
    @Transactional
    public List<Referral> ofPerson(Person person, Caller caller, String purpose) {
        byte[] nhsHash =
                person.nhsNumber() == null
                        ? null
                        : cipher.lookupHash(new NhsNumber(person.nhsNumber()).value());
        List<Referral> found = referrals.ofPerson(nhsHash, personHash(person));
        found.forEach(
                referral -> audit.record(caller.id(), "referral.read", referral.id(), purpose));
        return found;
    }

    private byte[] personHash(Person person) {
        return cipher.lookupHash(
                String.join(
                        "|",
                        person.familyName() == null ? "" : person.familyName().strip(),
                        person.givenName() == null ? "" : person.givenName().strip(),
                        String.valueOf(person.birthDate())));
    }
}
