package uk.gov.hertfordshire.sap.posting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The posting ledger in PostgreSQL; every write to the {@code posting} table is here. */
@Repository
public class PostingLedger {

    private static final String COLUMNS =
            "id, source_event_id, source_event_type, subject, service_code, amount_pence, currency,"
                    + " posting_date, company_code, gl_account, cost_centre, offset_gl_account,"
                    + " state, sends, next_attempt_at, sap_document, sap_fiscal_year, sap_message,"
                    + " version, received_at, posted_at, document_kind, supplier, weekly_pence,"
                    + " valid_to";

    private final JdbcClient jdbc;

    PostingLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a posting for an event, unless one is already recorded for it.
     *
     * @return whether it was new
     */
    boolean record(
            UUID sourceEventId,
            String sourceEventType,
            PostingRequest request,
            PostingMappings.Mapping mapping,
            Instant now) {
        return jdbc.sql(
                                "INSERT INTO posting (id, source_event_id, source_event_type, subject,"
                                        + " service_code, amount_pence, currency, posting_date,"
                                        + " company_code, gl_account, cost_centre, offset_gl_account,"
                                        + " state, next_attempt_at, received_at, updated_at,"
                                        + " document_kind, supplier, weekly_pence, valid_to) VALUES"
                                        + " (:id, :eventId, :type, :subject, :service, :amount,"
                                        + " :currency, :date, :company, :gl, :cc, :offset, :state,"
                                        + " :now, :now, :now, :kind, :supplier, :weekly, :validTo)"
                                        + " ON CONFLICT (source_event_id) DO NOTHING")
                        .param("id", UUID.randomUUID())
                        .param("eventId", sourceEventId)
                        .param("type", sourceEventType)
                        .param("subject", request.subject())
                        .param("service", request.serviceCode())
                        .param("amount", request.amountPence())
                        .param("currency", request.currency())
                        .param("date", request.postingDate())
                        .param("company", mapping == null ? null : mapping.companyCode())
                        .param("gl", mapping == null ? null : mapping.glAccount())
                        .param("cc", mapping == null ? null : mapping.costCentre())
                        .param("offset", mapping == null ? null : mapping.offsetGlAccount())
                        .param("supplier", mapping == null ? null : mapping.supplier())
                        .param("kind", request.weekly() == null ? "journal-entry" : "commitment")
                        .param(
                                "weekly",
                                request.weekly() == null ? null : request.weekly().weeklyPence())
                        .param(
                                "validTo",
                                request.weekly() == null ? null : request.weekly().validTo())
                        .param(
                                "state",
                                (mapping == null ? PostingState.UNMAPPED : PostingState.PENDING)
                                        .wireValue())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Claims up to {@code limit} pending postings that are due, for this instance alone: their next
     * attempt moves to {@code leaseUntil} (whole microseconds, as PostgreSQL keeps it: it is the
     * claim's token, see {@link #countSend}), so another instance (or this one after a crash) takes
     * them up only then.
     */
    List<Posting> claimDue(Instant now, int limit, Instant leaseUntil) {
        List<Posting> due =
                jdbc.sql(
                                "SELECT "
                                        + COLUMNS
                                        + " FROM posting WHERE state = 'pending' AND"
                                        + " next_attempt_at <= :now ORDER BY next_attempt_at"
                                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                        .param("now", Timestamp.from(now))
                        .param("limit", limit)
                        .query(PostingLedger::map)
                        .list();
        if (!due.isEmpty()) {
            jdbc.sql("UPDATE posting SET next_attempt_at = :lease WHERE id IN (:ids)")
                    .param("lease", Timestamp.from(leaseUntil))
                    .param("ids", due.stream().map(Posting::id).toList())
                    .update();
        }
        return due;
    }

    /**
     * Counts a send before it is made, if the posting is still this instance's: still pending and
     * still under the lease it was claimed with ({@code lease}, as given to {@link #claimDue}). A
     * lease that ran out while the batch was worked through may have let another instance claim it;
     * then this one must not send it. The lease is renewed to {@code renewedUntil}, so no one
     * claims it while the send (bounded by the read timeout) is in flight. From now on SAP may hold
     * the posting.
     *
     * @return whether the send may be made
     */
    boolean countSend(UUID id, Instant lease, Instant renewedUntil, Instant now) {
        return jdbc.sql(
                                "UPDATE posting SET sends = sends + 1, next_attempt_at = :renewed,"
                                        + " updated_at = :now WHERE id = :id AND state = 'pending'"
                                        + " AND next_attempt_at = :lease")
                        .param("id", id)
                        .param("lease", Timestamp.from(lease))
                        .param("renewed", Timestamp.from(renewedUntil))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Records SAP's document; false if the posting was no longer pending. */
    boolean markPosted(UUID id, String document, String fiscalYear, Instant now) {
        return jdbc.sql(
                                "UPDATE posting SET state = 'posted', sap_document = :document,"
                                        + " sap_fiscal_year = :year, sap_message = NULL, posted_at = :now,"
                                        + " updated_at = :now, version = version + 1 WHERE id = :id AND"
                                        + " state = 'pending'")
                        .param("id", id)
                        .param("document", document)
                        .param("year", fiscalYear)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Records SAP's refusal; false if the posting was no longer pending. */
    boolean markRejected(UUID id, String message, Instant now) {
        return jdbc.sql(
                                "UPDATE posting SET state = 'rejected', sap_message = :message,"
                                        + " updated_at = :now, version = version + 1 WHERE id = :id AND"
                                        + " state = 'pending'")
                        .param("id", id)
                        .param("message", message)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Hands a claimed posting back for {@code at}, if it is still under this instance's lease. */
    void releaseAt(UUID id, Instant lease, Instant at, Instant now) {
        jdbc.sql(
                        "UPDATE posting SET next_attempt_at = :at, updated_at = :now WHERE id ="
                                + " :id AND state = 'pending' AND next_attempt_at = :lease")
                .param("id", id)
                .param("lease", Timestamp.from(lease))
                .param("at", Timestamp.from(at))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** SAP did not answer: try again at {@code at}. */
    void retryAt(UUID id, Instant at, Instant now) {
        jdbc.sql(
                        "UPDATE posting SET next_attempt_at = :at, updated_at = :now WHERE id ="
                                + " :id AND state = 'pending'")
                .param("id", id)
                .param("at", Timestamp.from(at))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Corrects a rejected posting's accounts and makes it pending again, if it is still at the
     * version the correction was made to.
     *
     * @return whether it changed
     */
    boolean resubmit(UUID id, int version, String glAccount, String costCentre, Instant now) {
        return jdbc.sql(
                                "UPDATE posting SET state = 'pending', gl_account = :gl, cost_centre ="
                                        + " :cc, sap_message = NULL, next_attempt_at = :now, updated_at ="
                                        + " :now, version = version + 1 WHERE id = :id AND version ="
                                        + " :version AND state = 'rejected'")
                        .param("id", id)
                        .param("version", version)
                        .param("gl", glAccount)
                        .param("cc", costCentre)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Gives unmapped postings of this event type and service the mapping finance has added. */
    int map(String eventType, PostingMappings.Mapping mapping, Instant now) {
        return jdbc.sql(
                        "UPDATE posting SET state = 'pending', company_code = :company, gl_account"
                                + " = :gl, cost_centre = :cc, offset_gl_account = :offset,"
                                + " supplier = :supplier,"
                                + " next_attempt_at = :now, updated_at = :now, version = version +"
                                + " 1 WHERE state = 'unmapped' AND source_event_type = :type AND"
                                + " service_code = :service")
                .param("company", mapping.companyCode())
                .param("gl", mapping.glAccount())
                .param("cc", mapping.costCentre())
                .param("offset", mapping.offsetGlAccount())
                .param("supplier", mapping.supplier())
                .param("type", eventType)
                .param("service", mapping.serviceCode())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** How many postings wait to be confirmed by SAP. */
    long countPending() {
        return jdbc.sql("SELECT count(*) FROM posting WHERE state = 'pending'")
                .query(Long.class)
                .single();
    }

    Optional<Posting> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM posting WHERE id = :id")
                .param("id", id)
                .query(PostingLedger::map)
                .optional();
    }

    /** Postings in a state (all when null), newest first. */
    List<Posting> list(PostingState state, int limit) {
        return jdbc.sql(
                        "SELECT "
                                + COLUMNS
                                + " FROM posting WHERE (CAST(:state AS text) IS NULL OR state ="
                                + " :state) ORDER BY received_at DESC, id LIMIT :limit")
                .param("state", state == null ? null : state.wireValue())
                .param("limit", limit)
                .query(PostingLedger::map)
                .list();
    }

    /**
     * The journal entries of a company code posted with a posting date in the range, both included.
     */
    public List<PostedEntry> posted(String companyCode, LocalDate from, LocalDate to) {
        return posted("journal-entry", companyCode, from, to);
    }

    /**
     * The commitments of a company code posted with a start date (their purchase order date) in the
     * range, both included.
     */
    public List<PostedEntry> committed(String companyCode, LocalDate from, LocalDate to) {
        return posted("commitment", companyCode, from, to);
    }

    private List<PostedEntry> posted(
            String kind, String companyCode, LocalDate from, LocalDate to) {
        return jdbc.sql(
                        "SELECT id, source_event_id, company_code, amount_pence, posting_date FROM"
                                + " posting WHERE state = 'posted' AND document_kind = :kind AND"
                                + " company_code = :company AND posting_date BETWEEN :from AND :to")
                .param("kind", kind)
                .param("company", companyCode)
                .param("from", from)
                .param("to", to)
                .query(
                        (rs, row) ->
                                new PostedEntry(
                                        rs.getObject("id", UUID.class),
                                        rs.getObject("source_event_id", UUID.class),
                                        rs.getString("company_code"),
                                        rs.getLong("amount_pence"),
                                        rs.getObject("posting_date", LocalDate.class)))
                .list();
    }

    /**
     * The months (of the posting date) of every posting recorded as posted at or after {@code
     * since} (every posted posting when null), in order.
     */
    public List<YearMonth> periodsPostedSince(Instant since) {
        return jdbc
                .sql(
                        "SELECT DISTINCT to_char(posting_date, 'YYYY-MM') AS period FROM posting"
                                + " WHERE state = 'posted' AND (CAST(:since AS timestamptz) IS NULL"
                                + " OR posted_at >= :since) ORDER BY period")
                .param("since", since == null ? null : Timestamp.from(since))
                .query(String.class)
                .list()
                .stream()
                .map(YearMonth::parse)
                .toList();
    }

    /**
     * A posting SAP holds, as reconciliation compares it.
     *
     * @param postingId the ledger's id
     * @param sourceEventId the reference on SAP's items
     * @param companyCode the company code
     * @param amountPence the amount posted, more than zero
     * @param postingDate the posting date
     */
    public record PostedEntry(
            UUID postingId,
            UUID sourceEventId,
            String companyCode,
            long amountPence,
            LocalDate postingDate) {}

    private static Posting map(ResultSet rs, int row) throws SQLException {
        Timestamp posted = rs.getTimestamp("posted_at");
        return new Posting(
                rs.getObject("id", UUID.class),
                rs.getObject("source_event_id", UUID.class),
                rs.getString("source_event_type"),
                rs.getString("subject"),
                rs.getString("service_code"),
                rs.getLong("amount_pence"),
                rs.getString("currency"),
                rs.getObject("posting_date", LocalDate.class),
                rs.getString("company_code"),
                rs.getString("gl_account"),
                rs.getString("cost_centre"),
                rs.getString("offset_gl_account"),
                PostingState.fromWire(rs.getString("state")),
                rs.getInt("sends"),
                rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("sap_document"),
                rs.getString("sap_fiscal_year"),
                rs.getString("sap_message"),
                rs.getInt("version"),
                rs.getTimestamp("received_at").toInstant(),
                posted == null ? null : posted.toInstant(),
                "commitment".equals(rs.getString("document_kind")),
                rs.getString("supplier"),
                rs.getObject("weekly_pence", Long.class),
                rs.getObject("valid_to", LocalDate.class));
    }
}
