package uk.gov.hertfordshire.care.referral;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.care.protection.FieldCipher;

/**
 * Referrals in PostgreSQL through plain SQL (ADR 3); the one place that writes the referral table.
 * Details are sealed on the way in and opened on the way out, bound to the row's id.
 */
@Repository
class ReferralRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS =
            "id, reference, agency_id, referrer_system, referrer_value, age_group, category,"
                    + " priority, source_code, primary_need_code, consent, article6, article9,"
                    + " schedule1_condition, protected, status, received_at, recorded_by,"
                    + " repeat_of, assigned_staff_id";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    ReferralRepository(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    String nextReference() {
        long next = jdbc.sql("SELECT nextval('referral_reference_seq')").query(Long.class).single();
        return String.format("HCR-%06d", next);
    }

    /**
     * Stores a new referral unless the same agency already sent one under the same identifier.
     *
     * @return whether it was stored
     */
    boolean insertIfNew(Referral referral, byte[] nhsNumberHash, byte[] personHash) {
        byte[] sealed =
                cipher.seal(JSON.writeValueAsString(referral.details()), key(referral.id()));
        return jdbc.sql(
                                "INSERT INTO referral (id, reference, agency_id, referrer_system,"
                                        + " referrer_value, age_group, category, priority,"
                                        + " source_code, primary_need_code, consent, article6,"
                                        + " article9, schedule1_condition, nhs_number_hash,"
                                        + " person_hash, protected, key_id, status, received_at,"
                                        + " recorded_by, repeat_of) VALUES (:id, :reference,"
                                        + " :agency, :system, :value, :ageGroup, :category,"
                                        + " :priority, :source, :need, :consent, :article6,"
                                        + " :article9, :schedule1, :nhsHash, :personHash,"
                                        + " :sealed, :keyId, :status, :receivedAt, :recordedBy,"
                                        + " :repeatOf) ON CONFLICT ON CONSTRAINT"
                                        + " referral_referrer_identifier DO NOTHING")
                        .param("id", referral.id())
                        .param("reference", referral.reference())
                        .param("agency", referral.agencyId())
                        .param("system", referral.referrerSystem())
                        .param("value", referral.referrerValue())
                        .param("ageGroup", referral.ageGroup())
                        .param("category", referral.category())
                        .param("priority", referral.priority())
                        .param("source", referral.sourceCode())
                        .param("need", referral.primaryNeedCode())
                        .param("consent", referral.consent())
                        .param("article6", referral.article6())
                        .param("article9", referral.article9())
                        .param("schedule1", referral.schedule1Condition())
                        .param("nhsHash", nhsNumberHash)
                        .param("personHash", personHash)
                        .param("sealed", sealed)
                        .param("keyId", FieldCipher.keyIdOf(sealed))
                        .param("status", referral.status())
                        .param("receivedAt", Timestamp.from(referral.receivedAt()))
                        .param("recordedBy", referral.recordedBy())
                        .param("repeatOf", referral.repeatOf())
                        .update()
                == 1;
    }

    Optional<Referral> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM referral WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    Optional<Referral> findByReferrerIdentifier(String agencyId, String system, String value) {
        return findByReferrerIdentifierInAny(agencyId, system, value).stream().findFirst();
    }

    /** The referrals with this identifier: one agency's (at most one), or every agency's (null). */
    List<Referral> findByReferrerIdentifierInAny(String agencyId, String system, String value) {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM referral WHERE (CAST(:agency AS text) IS NULL OR"
                                + " agency_id = :agency) AND referrer_system = :system AND"
                                + " referrer_value = :value ORDER BY received_at")
                .param("agency", agencyId)
                .param("system", system)
                .param("value", value)
                .query(this::map)
                .list();
    }

    /**
     * Which referrals are of the person with these hashes: the same NHS number, or the same name
     * and date of birth where one side has no NHS number. Two NHS numbers that differ are two
     * people, however alike their names and birthdays.
     */
    private static final String SAME_PERSON =
            "(nhs_number_hash = :nhsHash OR (person_hash = :personHash AND (nhs_number_hash IS NULL"
                    + " OR CAST(:nhsHash AS bytea) IS NULL)))";

    /** The same person's latest referral received since {@code since} ({@link #SAME_PERSON}). */
    Optional<UUID> latestOfPerson(byte[] nhsNumberHash, byte[] personHash, Instant since) {
        return jdbc.sql(
                        "SELECT id FROM referral WHERE received_at >= :since AND "
                                + SAME_PERSON
                                + " ORDER BY received_at DESC LIMIT 1")
                .param("since", Timestamp.from(since))
                .param("nhsHash", nhsNumberHash)
                .param("personHash", personHash)
                .query(UUID.class)
                .optional();
    }

    /** Every referral of one person ({@link #SAME_PERSON}), oldest first. */
    List<Referral> ofPerson(byte[] nhsNumberHash, byte[] personHash) {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM referral WHERE "
                                + SAME_PERSON
                                + " ORDER BY received_at")
                .param("nhsHash", nhsNumberHash)
                .param("personHash", personHash)
                .query(this::map)
                .list();
    }

    /** Closes an active referral with its decision's status; false if it was not active. */
    boolean close(UUID id, String status, Instant at) {
        return jdbc.sql(
                                "UPDATE referral SET status = :status, closed_at = :at WHERE id ="
                                        + " :id AND status = 'active'")
                        .param("status", status)
                        .param("at", Timestamp.from(at))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Assigns an active referral; false if it is not active. */
    boolean assign(UUID id, String staffId) {
        return jdbc.sql(
                                "UPDATE referral SET assigned_staff_id = :staffId WHERE id = :id"
                                        + " AND status = 'active'")
                        .param("staffId", staffId)
                        .param("id", id)
                        .update()
                == 1;
    }

    /**
     * Takes every active referral assigned to this person back to the unassigned queue.
     *
     * @return the referrals taken back
     */
    List<UUID> unassignActive(String staffId) {
        return jdbc.sql(
                        "UPDATE referral SET assigned_staff_id = NULL WHERE assigned_staff_id ="
                                + " :staffId AND status = 'active' RETURNING id")
                .param("staffId", staffId)
                .query(UUID.class)
                .list();
    }

    /** Closed referrals not yet anonymised whose closure is before {@code closedBefore}. */
    List<Closed> closedBefore(Instant closedBefore, int limit, boolean lock) {
        return jdbc.sql(
                        "SELECT id, reference, category, status, closed_at FROM referral WHERE"
                                + " closed_at < :before AND anonymised_at IS NULL ORDER BY"
                                + " closed_at, id LIMIT "
                                + limit
                                + (lock ? " FOR UPDATE SKIP LOCKED" : ""))
                .param("before", Timestamp.from(closedBefore))
                .query(
                        (rs, row) ->
                                new Closed(
                                        rs.getObject("id", UUID.class),
                                        rs.getString("reference"),
                                        rs.getString("category"),
                                        rs.getString("status"),
                                        rs.getTimestamp("closed_at").toInstant()))
                .list();
    }

    /**
     * Removes what identifies the person from a closed referral: the sealed details, the lookup
     * hashes and the referrer's own identifier. Codes, times and links stay.
     */
    void anonymise(UUID id, Instant at) {
        jdbc.sql(
                        "UPDATE referral SET protected = NULL, key_id = NULL, nhs_number_hash ="
                                + " NULL, person_hash = NULL, referrer_system = NULL,"
                                + " referrer_value = NULL, anonymised_at = :at WHERE id = :id AND"
                                + " status <> 'active'")
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    private Referral map(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        byte[] sealed = rs.getBytes("protected");
        Referral.Details details =
                sealed == null
                        ? null
                        : JSON.readValue(cipher.open(sealed, key(id)), Referral.Details.class);
        return new Referral(
                id,
                rs.getString("reference"),
                rs.getString("agency_id"),
                rs.getString("referrer_system"),
                rs.getString("referrer_value"),
                rs.getString("age_group"),
                rs.getString("category"),
                rs.getString("priority"),
                rs.getString("source_code"),
                rs.getString("primary_need_code"),
                rs.getString("consent"),
                rs.getString("article6"),
                rs.getString("article9"),
                rs.getString("schedule1_condition"),
                details,
                rs.getString("status"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getString("recorded_by"),
                rs.getObject("repeat_of", UUID.class),
                rs.getString("assigned_staff_id"));
    }

    /** The associated data a referral's sealed details are bound to. */
    static String key(UUID id) {
        return "referral:" + id;
    }
}
