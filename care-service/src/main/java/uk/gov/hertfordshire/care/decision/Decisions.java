package uk.gov.hertfordshire.care.decision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.care.clocks.ClockKind;
import uk.gov.hertfordshire.care.clocks.StatutoryClocks;
import uk.gov.hertfordshire.care.protection.AccessAudit;
import uk.gov.hertfordshire.care.protection.FieldCipher;
import uk.gov.hertfordshire.care.referral.Referral;
import uk.gov.hertfordshire.care.referral.Referrals;
import uk.gov.hertfordshire.platform.events.care.ReferralDecided;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Decisions on referrals, four eyes: a practitioner proposes an outcome with a reason (and may
 * revise it until it is decided); a care manager decides, confirming or changing it with a reason
 * of their own. The decision closes the referral ({@code revoked} for no further action, otherwise
 * {@code completed}), stops its decision clocks, starts the assessment clock for a child and family
 * assessment and writes {@code care.referral-decided.v1}. Reasons are sealed at rest.
 */
@Service
public class Decisions {

    static final Set<String> CHILD_ONLY =
            Set.of("early_help", "child_and_family_assessment", "strategy_discussion_s47");
    static final Set<String> ADULT_ONLY = Set.of("adult_needs_assessment", "s42_enquiry");
    static final int MAX_REASON = 4_000;

    private final JdbcClient jdbc;
    private final Referrals referrals;
    private final StatutoryClocks clocks;
    private final AccessAudit audit;
    private final FieldCipher cipher;
    private final Outbox outbox;
    private final Clock clock;

    Decisions(
            JdbcClient jdbc,
            Referrals referrals,
            StatutoryClocks clocks,
            AccessAudit audit,
            FieldCipher cipher,
            Outbox outbox,
            Clock clock) {
        this.jdbc = jdbc;
        this.referrals = referrals;
        this.clocks = clocks;
        this.audit = audit;
        this.cipher = cipher;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A practitioner proposes an outcome for an active referral, or revises their proposal.
     *
     * @throws IllegalArgumentException for an unknown outcome, one that does not fit the referral's
     *     age group, or a missing reason
     * @throws DecisionRefusedException if the referral is not found or already decided
     */
    @Transactional
    public Decision propose(UUID referralId, String outcome, String reason, Caller practitioner) {
        Referral referral = activeReferral(referralId, practitioner, "triage");
        check(referral, outcome, reason);
        Instant now = now();
        byte[] sealed = cipher.seal(reason, key(referralId, "proposed"));
        jdbc.sql(
                        "INSERT INTO referral_decision (referral_id, proposed_outcome,"
                                + " proposed_reason, proposed_by, proposed_at, key_id) VALUES"
                                + " (:id, :outcome, :reason, :by, :at, :keyId) ON CONFLICT"
                                + " (referral_id) DO UPDATE SET proposed_outcome ="
                                + " EXCLUDED.proposed_outcome, proposed_reason ="
                                + " EXCLUDED.proposed_reason, proposed_by = EXCLUDED.proposed_by,"
                                + " proposed_at = EXCLUDED.proposed_at, key_id = EXCLUDED.key_id"
                                + " WHERE referral_decision.decided_at IS NULL")
                .param("id", referralId)
                .param("outcome", outcome)
                .param("reason", sealed)
                .param("keyId", FieldCipher.keyIdOf(sealed))
                .param("by", practitioner.id())
                .param("at", Timestamp.from(now))
                .update();
        clocks.stop(referralId, now, ClockKind.TRIAGE);
        audit.record(practitioner.id(), "decision.propose", referralId, "triage");
        return find(referralId).orElseThrow();
    }

    /**
     * A care manager decides a proposed referral. The reason is sealed under the active key, and
     * the proposal's reason with it if it was sealed under another (the active key changed since it
     * was proposed, or another instance proposed it): the row's {@code key_id} names the one key of
     * both, so key rotation finds the row whenever any of it is under an older key (ADR 11).
     *
     * @throws IllegalArgumentException as for {@link #propose}
     * @throws DecisionRefusedException if nothing was proposed or it is already decided
     */
    @Transactional
    public Decision decide(UUID referralId, String outcome, String reason, Caller manager) {
        if (!manager.has(Role.CARE_MANAGER)) {
            throw new DecisionRefusedException("Only a care manager decides a referral.");
        }
        Referral referral = activeReferral(referralId, manager, "decision");
        check(referral, outcome, reason);
        Instant now = now();
        String refused = "A practitioner proposes a decision before a care manager makes it.";
        // Locked, so neither a revised proposal nor a rotation batch changes it under this one.
        byte[] proposal =
                jdbc.sql(
                                "SELECT proposed_reason FROM referral_decision WHERE referral_id ="
                                        + " :id AND decided_at IS NULL FOR UPDATE")
                        .param("id", referralId)
                        .query((rs, row) -> Optional.ofNullable(rs.getBytes(1)))
                        .optional()
                        .flatMap(reasonOrNone -> reasonOrNone)
                        .orElseThrow(() -> new DecisionRefusedException(refused));
        byte[] decided = cipher.seal(reason, key(referralId, "decided"));
        // The key the decision went under, named: not the active one again, which may have changed.
        String keyId = FieldCipher.keyIdOf(decided);
        int updated =
                jdbc.sql(
                                "UPDATE referral_decision SET decided_outcome = :outcome,"
                                        + " decided_reason = :reason, decided_by = :by, decided_at"
                                        + " = :at, proposed_reason = :proposal, key_id = :keyId"
                                        + " WHERE referral_id = :id AND decided_at IS NULL")
                        .param("outcome", outcome)
                        .param("reason", decided)
                        .param("by", manager.id())
                        .param("at", Timestamp.from(now))
                        .param(
                                "proposal",
                                cipher.resealUnder(proposal, key(referralId, "proposed"), keyId))
                        .param("keyId", keyId)
                        .param("id", referralId)
                        .update();
        if (updated != 1) {
            throw new DecisionRefusedException(refused);
        }
        referrals.close(
                referralId, outcome.equals("no_further_action") ? "revoked" : "completed", now);
        clocks.stop(
                referralId,
                now,
                ClockKind.TRIAGE,
                ClockKind.CHILD_DECISION,
                ClockKind.S42_DECISION);
        if (outcome.equals("child_and_family_assessment")) {
            clocks.startAssessment(referralId, referral.receivedAt());
        }
        audit.record(manager.id(), "decision.decide", referralId, "decision");
        outbox.append(
                new ReferralDecided(
                        referralId.toString(),
                        referral.agencyId(),
                        referral.category(),
                        outcome,
                        referral.receivedAt(),
                        now));
        return find(referralId).orElseThrow();
    }

    /** Removes a decision's sealed reasons under the retention rule; the outcome codes stay. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void anonymise(UUID referralId) {
        jdbc.sql(
                        "UPDATE referral_decision SET proposed_reason = NULL, decided_reason ="
                                + " NULL, key_id = NULL WHERE referral_id = :id")
                .param("id", referralId)
                .update();
    }

    /** The referral's decision record, if anything was proposed. The caller audits its read. */
    @Transactional(readOnly = true)
    public Optional<Decision> find(UUID referralId) {
        return jdbc.sql(
                        "SELECT referral_id, proposed_outcome, proposed_reason, proposed_by,"
                                + " proposed_at, decided_outcome, decided_reason, decided_by,"
                                + " decided_at FROM referral_decision WHERE referral_id = :id")
                .param("id", referralId)
                .query(this::map)
                .optional();
    }

    private Referral activeReferral(UUID referralId, Caller caller, String purpose) {
        Referral referral =
                referrals
                        .read(referralId, caller, purpose)
                        .orElseThrow(() -> new DecisionRefusedException("No such referral."));
        if (!referral.status().equals("active")) {
            throw new DecisionRefusedException("The referral has already been decided.");
        }
        return referral;
    }

    private static void check(Referral referral, String outcome, String reason) {
        if (outcome == null || !ReferralDecided.OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException(
                    "outcome must be one of " + String.join(", ", ReferralDecided.OUTCOMES));
        }
        if (referral.ageGroup().equals("adult") && CHILD_ONLY.contains(outcome)
                || referral.ageGroup().equals("child") && ADULT_ONLY.contains(outcome)) {
            throw new IllegalArgumentException(
                    "outcome '"
                            + outcome
                            + "' does not apply to a referral about a "
                            + referral.ageGroup());
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: record why");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException(
                    "reason must be at most " + MAX_REASON + " characters");
        }
    }

    private Decision map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("referral_id", UUID.class);
        byte[] proposedReason = rs.getBytes("proposed_reason");
        byte[] decidedReason = rs.getBytes("decided_reason");
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new Decision(
                id,
                rs.getString("proposed_outcome"),
                proposedReason == null ? null : cipher.open(proposedReason, key(id, "proposed")),
                rs.getString("proposed_by"),
                rs.getTimestamp("proposed_at").toInstant(),
                rs.getString("decided_outcome"),
                decidedReason == null ? null : cipher.open(decidedReason, key(id, "decided")),
                rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The associated data a reason is sealed to: its referral and which reason it is. */
    static String key(UUID referralId, String which) {
        return "decision:" + referralId + ":" + which;
    }

    /** Every outcome, for a form. */
    public static List<String> outcomes() {
        return ReferralDecided.OUTCOMES;
    }
}
