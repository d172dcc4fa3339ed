package uk.gov.hertfordshire.analytics.cases;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.analytics.CouncilTime;
import uk.gov.hertfordshire.analytics.projection.Projector;
import uk.gov.hertfordshire.platform.events.Channel;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.cases.CaseAssigned;
import uk.gov.hertfordshire.platform.events.cases.CaseClosed;
import uk.gov.hertfordshire.platform.events.cases.CaseFeePaid;
import uk.gov.hertfordshire.platform.events.cases.CaseMarkedDuplicate;
import uk.gov.hertfordshire.platform.events.cases.CasePublicUpdateAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseReopened;
import uk.gov.hertfordshire.platform.events.cases.CaseResolved;
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;
import uk.gov.hertfordshire.platform.events.cases.CaseSupporterAdded;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetApproaching;
import uk.gov.hertfordshire.platform.events.cases.CaseTargetBreached;
import uk.gov.hertfordshire.platform.events.cases.CaseTriaged;
import uk.gov.hertfordshire.platform.events.cases.ServiceDefinitionChanged;

/**
 * Applies case events to one generation. Order-independent (see {@link Projector}): counters add
 * up, and each fact of a case (status, team, due time, resolution) keeps the value of the newest
 * event by the time it happened.
 */
@Component
class CaseEventsProjector implements Projector {

    /** Where a case without a postcode district is counted. */
    static final String UNKNOWN_AREA = "unknown area";

    /** Keeps the status of whichever event happened last. */
    private static final String NEWEST_STATUS =
            "status = CASE WHEN f.status_at IS NULL OR EXCLUDED.status_at >= f.status_at THEN"
                    + " EXCLUDED.status ELSE f.status END, status_at = greatest(f.status_at,"
                    + " EXCLUDED.status_at)";

    private static final String NEWEST_DUE =
            "due_at = CASE WHEN f.due_set_at IS NULL OR EXCLUDED.due_set_at >= f.due_set_at THEN"
                    + " EXCLUDED.due_at ELSE f.due_at END, due_set_at = greatest(f.due_set_at,"
                    + " EXCLUDED.due_set_at)";

    private final JdbcClient jdbc;
    private final EventSerializer serializer = new EventSerializer();

    CaseEventsProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String topic() {
        return Topics.CASES;
    }

    @Override
    public List<String> tables() {
        return List.of("contact_day", "case_fact", "daily_count", "service_definition");
    }

    @Override
    public void apply(int generation, ReceivedEvent event) {
        String type = event.type();
        byte[] data = event.data();
        if (CaseSubmitted.TYPE.type().equals(type)) {
            submitted(generation, read(data, CaseSubmitted.class));
        } else if (CaseTriaged.TYPE.type().equals(type)) {
            CaseTriaged e = read(data, CaseTriaged.class);
            status(generation, e.caseId(), e.serviceCode(), "triaged", e.triagedAt());
        } else if (CaseAssigned.TYPE.type().equals(type)) {
            assigned(generation, read(data, CaseAssigned.class));
        } else if (CaseStatusChanged.TYPE.type().equals(type)) {
            CaseStatusChanged e = read(data, CaseStatusChanged.class);
            status(generation, e.caseId(), null, e.toStatus(), e.changedAt());
        } else if (CasePublicUpdateAdded.TYPE.type().equals(type)) {
            CasePublicUpdateAdded e = read(data, CasePublicUpdateAdded.class);
            count(generation, e.postedAt(), "public_update", e.serviceCode(), 0);
        } else if (CaseResolved.TYPE.type().equals(type)) {
            resolved(generation, read(data, CaseResolved.class));
        } else if (CaseClosed.TYPE.type().equals(type)) {
            CaseClosed e = read(data, CaseClosed.class);
            status(generation, e.caseId(), e.serviceCode(), "closed", e.closedAt());
            count(generation, e.closedAt(), "closed", e.serviceCode(), 0);
        } else if (CaseReopened.TYPE.type().equals(type)) {
            reopened(generation, read(data, CaseReopened.class));
        } else if (CaseMarkedDuplicate.TYPE.type().equals(type)) {
            CaseMarkedDuplicate e = read(data, CaseMarkedDuplicate.class);
            status(generation, e.caseId(), e.serviceCode(), "duplicate", e.markedAt());
            count(generation, e.markedAt(), "duplicate", e.serviceCode(), 0);
        } else if (CaseTargetApproaching.TYPE.type().equals(type)) {
            CaseTargetApproaching e = read(data, CaseTargetApproaching.class);
            count(generation, e.detectedAt(), "target_approaching", e.serviceCode(), 0);
        } else if (CaseTargetBreached.TYPE.type().equals(type)) {
            CaseTargetBreached e = read(data, CaseTargetBreached.class);
            count(generation, e.detectedAt(), "target_breached", e.serviceCode(), 0);
        } else if (CaseFeePaid.TYPE.type().equals(type)) {
            CaseFeePaid e = read(data, CaseFeePaid.class);
            String measure = "GBP".equals(e.currency()) ? "fee_paid" : "fee_paid_" + e.currency();
            count(generation, e.paidAt(), measure, e.serviceCode(), e.amountPence());
        } else if (CaseSupporterAdded.TYPE.type().equals(type)) {
            CaseSupporterAdded e = read(data, CaseSupporterAdded.class);
            contact(generation, CouncilTime.day(e.addedAt()), e.serviceCode(), e.channel());
            count(generation, e.addedAt(), "supporter_added", e.serviceCode(), 0);
        } else if (ServiceDefinitionChanged.TYPE.type().equals(type)) {
            serviceDefinition(generation, read(data, ServiceDefinitionChanged.class));
        }
        // Any other type is not measured (yet): ignored, as a tolerant reader.
    }

    private <T> T read(byte[] data, Class<T> type) {
        return serializer.fromJson(data, type);
    }

    private void submitted(int generation, CaseSubmitted submitted) {
        LocalDate day = CouncilTime.day(submitted.submittedAt());
        String area =
                submitted.location() == null || submitted.location().postcodeDistrict() == null
                        ? UNKNOWN_AREA
                        : submitted.location().postcodeDistrict();
        jdbc.sql(
                        "INSERT INTO case_fact AS f (generation, case_id, service_code, channel,"
                                + " area, submitted_at, submitted_day, times_counted, status,"
                                + " status_at, due_at, due_set_at) VALUES (:generation, :caseId,"
                                + " :serviceCode, :channel, :area, :submittedAt, :day, 1,"
                                + " 'submitted', :submittedAt, :dueAt, :dueSetAt) ON CONFLICT"
                                + " (generation, case_id) DO UPDATE SET service_code ="
                                + " EXCLUDED.service_code, channel = EXCLUDED.channel, area ="
                                + " EXCLUDED.area, submitted_at = EXCLUDED.submitted_at,"
                                + " submitted_day = EXCLUDED.submitted_day, times_counted ="
                                + " f.times_counted + 1, "
                                + NEWEST_STATUS
                                + ", "
                                + NEWEST_DUE)
                .param("generation", generation)
                .param("caseId", UUID.fromString(submitted.caseId()))
                .param("serviceCode", submitted.serviceCode())
                .param("channel", submitted.channel().wireValue())
                .param("area", area)
                .param("submittedAt", Timestamp.from(submitted.submittedAt()))
                .param("day", day)
                .param("dueAt", timestamp(submitted.dueAt()))
                .param(
                        "dueSetAt",
                        submitted.dueAt() == null ? null : Timestamp.from(submitted.submittedAt()))
                .update();
        contact(generation, day, submitted.serviceCode(), submitted.channel());
    }

    private void assigned(int generation, CaseAssigned assigned) {
        status(
                generation,
                assigned.caseId(),
                assigned.serviceCode(),
                "assigned",
                assigned.assignedAt());
        jdbc.sql(
                        "UPDATE case_fact SET team_code = :team, team_at = :at WHERE generation ="
                                + " :generation AND case_id = :caseId AND (team_at IS NULL OR"
                                + " team_at <= :at)")
                .param("team", assigned.teamCode())
                .param("at", Timestamp.from(assigned.assignedAt()))
                .param("generation", generation)
                .param("caseId", UUID.fromString(assigned.caseId()))
                .update();
    }

    private void resolved(int generation, CaseResolved resolved) {
        status(
                generation,
                resolved.caseId(),
                resolved.serviceCode(),
                "resolved",
                resolved.resolvedAt());
        jdbc.sql(
                        "UPDATE case_fact SET resolved_at = :at, resolved_day = :day,"
                                + " resolve_due_at = :dueAt, resolve_seconds = :seconds WHERE"
                                + " generation = :generation AND case_id = :caseId AND"
                                + " (resolved_at IS NULL OR resolved_at <= :at)")
                .param("at", Timestamp.from(resolved.resolvedAt()))
                .param("day", CouncilTime.day(resolved.resolvedAt()))
                .param("dueAt", timestamp(resolved.dueAt()))
                .param(
                        "seconds",
                        Duration.between(resolved.submittedAt(), resolved.resolvedAt()).toSeconds())
                .param("generation", generation)
                .param("caseId", UUID.fromString(resolved.caseId()))
                .update();
        count(generation, resolved.resolvedAt(), "resolved", resolved.serviceCode(), 0);
    }

    private void reopened(int generation, CaseReopened reopened) {
        status(
                generation,
                reopened.caseId(),
                reopened.serviceCode(),
                "reopened",
                reopened.reopenedAt());
        jdbc.sql(
                        "UPDATE case_fact SET reopened_at = greatest(reopened_at, :at) WHERE"
                                + " generation = :generation AND case_id = :caseId")
                .param("at", Timestamp.from(reopened.reopenedAt()))
                .param("generation", generation)
                .param("caseId", UUID.fromString(reopened.caseId()))
                .update();
        if (reopened.dueAt() != null) {
            jdbc.sql(
                            "UPDATE case_fact SET due_at = :dueAt, due_set_at = :at WHERE"
                                    + " generation = :generation AND case_id = :caseId AND"
                                    + " (due_set_at IS NULL OR due_set_at <= :at)")
                    .param("dueAt", Timestamp.from(reopened.dueAt()))
                    .param("at", Timestamp.from(reopened.reopenedAt()))
                    .param("generation", generation)
                    .param("caseId", UUID.fromString(reopened.caseId()))
                    .update();
        }
        count(generation, reopened.reopenedAt(), "reopened", reopened.serviceCode(), 0);
    }

    /** Creates the case's row if needed and keeps the status of the newest event. */
    private void status(
            int generation, String caseId, String serviceCode, String status, Instant at) {
        jdbc.sql(
                        "INSERT INTO case_fact AS f (generation, case_id, service_code, status,"
                                + " status_at) VALUES (:generation, :caseId, :serviceCode,"
                                + " :status, :at) ON CONFLICT (generation, case_id) DO UPDATE SET"
                                + " service_code = coalesce(f.service_code,"
                                + " EXCLUDED.service_code), "
                                + NEWEST_STATUS)
                .param("generation", generation)
                .param("caseId", UUID.fromString(caseId))
                .param("serviceCode", serviceCode)
                .param("status", status)
                .param("at", Timestamp.from(at))
                .update();
    }

    private void contact(int generation, LocalDate day, String serviceCode, Channel channel) {
        jdbc.sql(
                        "INSERT INTO contact_day (generation, day, service_code, channel,"
                                + " contacts) VALUES (:generation, :day, :serviceCode, :channel,"
                                + " 1) ON CONFLICT (generation, day, service_code, channel) DO"
                                + " UPDATE SET contacts = contact_day.contacts + 1")
                .param("generation", generation)
                .param("day", day)
                .param("serviceCode", serviceCode)
                .param("channel", channel.wireValue())
                .update();
    }

    private void count(int generation, Instant at, String measure, String dimension, long amount) {
        jdbc.sql(
                        "INSERT INTO daily_count (generation, day, measure, dimension, n, amount)"
                                + " VALUES (:generation, :day, :measure, :dimension, 1, :amount)"
                                + " ON CONFLICT (generation, day, measure, dimension) DO UPDATE"
                                + " SET n = daily_count.n + 1, amount = daily_count.amount +"
                                + " EXCLUDED.amount")
                .param("generation", generation)
                .param("day", CouncilTime.day(at))
                .param("measure", measure)
                .param("dimension", dimension)
                .param("amount", amount)
                .update();
    }

    private void serviceDefinition(int generation, ServiceDefinitionChanged d) {
        jdbc.sql(
                        "INSERT INTO service_definition AS s (generation, service_code, name,"
                                + " service_group, team_code, public_realm, available_online,"
                                + " available_open311, fee_pence, response_target, response_unit,"
                                + " withdrawn, changed_at) VALUES (:generation, :code, :name, :group,"
                                + " :team, :publicRealm, :online, :open311, :fee, :target, :unit,"
                                + " :withdrawn, :changedAt) ON CONFLICT (generation, service_code) DO"
                                + " UPDATE SET name = EXCLUDED.name, service_group ="
                                + " EXCLUDED.service_group, team_code = EXCLUDED.team_code,"
                                + " public_realm = EXCLUDED.public_realm, available_online ="
                                + " EXCLUDED.available_online, available_open311 ="
                                + " EXCLUDED.available_open311, fee_pence = EXCLUDED.fee_pence,"
                                + " response_target = EXCLUDED.response_target, response_unit ="
                                + " EXCLUDED.response_unit, withdrawn = EXCLUDED.withdrawn,"
                                + " changed_at = EXCLUDED.changed_at WHERE s.changed_at <="
                                + " EXCLUDED.changed_at")
                .param("generation", generation)
                .param("code", d.serviceCode())
                .param("name", d.name())
                .param("group", d.group())
                .param("team", d.teamCode())
                .param("publicRealm", d.publicRealm())
                .param("online", d.availableOnline())
                .param("open311", d.availableOpen311())
                .param("fee", d.feePence())
                .param("target", d.responseTarget())
                .param("unit", d.responseUnit())
                .param("withdrawn", d.withdrawn())
                .param("changedAt", Timestamp.from(d.changedAt()))
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
