package uk.gov.hertfordshire.analytics.cases;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.analytics.CouncilTime;
import uk.gov.hertfordshire.analytics.projection.Columns;
import uk.gov.hertfordshire.analytics.projection.DailyCounts;
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
 * Applies case events to one generation, a batch at a time: each event's facts are folded in memory
 * ({@link CaseFacts}, contacts per day, {@link DailyCounts}, the newest service definitions), then
 * each table is written once. Order-independent (see {@link Projector}): counters add up, and each
 * fact of a case (status, team, due time, resolution) keeps the value of the newest event by the
 * time it happened.
 */
@Component
class CaseEventsProjector implements Projector {

    /** Where a case without a postcode district is counted. */
    static final String UNKNOWN_AREA = "unknown area";

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
    public void apply(int generation, List<ReceivedEvent> events) {
        Batch batch = new Batch();
        for (ReceivedEvent event : events) {
            fold(batch, event);
        }
        batch.facts.write(jdbc, generation);
        writeContacts(generation, batch.contacts);
        batch.counts.write(jdbc, generation);
        writeDefinitions(generation, batch.definitions);
    }

    /** One batch's changes, table by table. */
    private static final class Batch {
        final CaseFacts facts = new CaseFacts();

        /** Written in key order (concurrent writers lock rows in the same order). */
        final Map<ContactKey, long[]> contacts = new HashMap<>();

        final DailyCounts counts = new DailyCounts();
        final Map<String, ServiceDefinitionChanged> definitions = new LinkedHashMap<>();

        void contact(LocalDate day, String serviceCode, Channel channel) {
            contacts.computeIfAbsent(
                            new ContactKey(day, serviceCode, channel.wireValue()),
                            key -> new long[1])[0]++;
        }
    }

    private record ContactKey(LocalDate day, String serviceCode, String channel)
            implements Comparable<ContactKey> {

        @Override
        public int compareTo(ContactKey other) {
            int byDay = day.compareTo(other.day);
            if (byDay != 0) {
                return byDay;
            }
            int byService = serviceCode.compareTo(other.serviceCode);
            return byService != 0 ? byService : channel.compareTo(other.channel);
        }
    }

    private void fold(Batch batch, ReceivedEvent event) {
        String type = event.type();
        byte[] data = event.data();
        if (CaseSubmitted.TYPE.type().equals(type)) {
            submitted(batch, read(data, CaseSubmitted.class));
        } else if (CaseTriaged.TYPE.type().equals(type)) {
            CaseTriaged e = read(data, CaseTriaged.class);
            batch.facts.of(e.caseId()).status(e.serviceCode(), "triaged", e.triagedAt());
        } else if (CaseAssigned.TYPE.type().equals(type)) {
            CaseAssigned e = read(data, CaseAssigned.class);
            CaseFactChange fact = batch.facts.of(e.caseId());
            fact.status(e.serviceCode(), "assigned", e.assignedAt());
            fact.team(e.teamCode(), e.assignedAt());
        } else if (CaseStatusChanged.TYPE.type().equals(type)) {
            CaseStatusChanged e = read(data, CaseStatusChanged.class);
            batch.facts.of(e.caseId()).status(null, e.toStatus(), e.changedAt());
        } else if (CasePublicUpdateAdded.TYPE.type().equals(type)) {
            CasePublicUpdateAdded e = read(data, CasePublicUpdateAdded.class);
            batch.counts.add(e.postedAt(), "public_update", e.serviceCode(), 0);
        } else if (CaseResolved.TYPE.type().equals(type)) {
            CaseResolved e = read(data, CaseResolved.class);
            CaseFactChange fact = batch.facts.of(e.caseId());
            fact.status(e.serviceCode(), "resolved", e.resolvedAt());
            fact.resolved(
                    e.resolvedAt(),
                    CouncilTime.day(e.resolvedAt()),
                    e.dueAt(),
                    Duration.between(e.submittedAt(), e.resolvedAt()).toSeconds());
            batch.counts.add(e.resolvedAt(), "resolved", e.serviceCode(), 0);
        } else if (CaseClosed.TYPE.type().equals(type)) {
            CaseClosed e = read(data, CaseClosed.class);
            batch.facts.of(e.caseId()).status(e.serviceCode(), "closed", e.closedAt());
            batch.counts.add(e.closedAt(), "closed", e.serviceCode(), 0);
        } else if (CaseReopened.TYPE.type().equals(type)) {
            CaseReopened e = read(data, CaseReopened.class);
            CaseFactChange fact = batch.facts.of(e.caseId());
            fact.status(e.serviceCode(), "reopened", e.reopenedAt());
            fact.reopened(e.reopenedAt());
            if (e.dueAt() != null) {
                fact.due(e.dueAt(), e.reopenedAt());
            }
            batch.counts.add(e.reopenedAt(), "reopened", e.serviceCode(), 0);
        } else if (CaseMarkedDuplicate.TYPE.type().equals(type)) {
            CaseMarkedDuplicate e = read(data, CaseMarkedDuplicate.class);
            batch.facts.of(e.caseId()).status(e.serviceCode(), "duplicate", e.markedAt());
            batch.counts.add(e.markedAt(), "duplicate", e.serviceCode(), 0);
        } else if (CaseTargetApproaching.TYPE.type().equals(type)) {
            CaseTargetApproaching e = read(data, CaseTargetApproaching.class);
            batch.counts.add(e.detectedAt(), "target_approaching", e.serviceCode(), 0);
        } else if (CaseTargetBreached.TYPE.type().equals(type)) {
            CaseTargetBreached e = read(data, CaseTargetBreached.class);
            batch.counts.add(e.detectedAt(), "target_breached", e.serviceCode(), 0);
        } else if (CaseFeePaid.TYPE.type().equals(type)) {
            CaseFeePaid e = read(data, CaseFeePaid.class);
            String measure = "GBP".equals(e.currency()) ? "fee_paid" : "fee_paid_" + e.currency();
            batch.counts.add(e.paidAt(), measure, e.serviceCode(), e.amountPence());
        } else if (CaseSupporterAdded.TYPE.type().equals(type)) {
            CaseSupporterAdded e = read(data, CaseSupporterAdded.class);
            batch.contact(CouncilTime.day(e.addedAt()), e.serviceCode(), e.channel());
            batch.counts.add(e.addedAt(), "supporter_added", e.serviceCode(), 0);
        } else if (ServiceDefinitionChanged.TYPE.type().equals(type)) {
            ServiceDefinitionChanged d = read(data, ServiceDefinitionChanged.class);
            // The newest by the time it changed; a tie goes to the one applied later.
            batch.definitions.merge(
                    d.serviceCode(),
                    d,
                    (held, next) -> next.changedAt().isBefore(held.changedAt()) ? held : next);
        }
        // Any other type is not measured (yet): ignored, as a tolerant reader.
    }

    private <T> T read(byte[] data, Class<T> type) {
        return serializer.fromJson(data, type);
    }

    private void submitted(Batch batch, CaseSubmitted submitted) {
        LocalDate day = CouncilTime.day(submitted.submittedAt());
        String area =
                submitted.location() == null || submitted.location().postcodeDistrict() == null
                        ? UNKNOWN_AREA
                        : submitted.location().postcodeDistrict();
        batch.facts
                .of(submitted.caseId())
                .submitted(
                        submitted.serviceCode(),
                        submitted.channel().wireValue(),
                        area,
                        submitted.submittedAt(),
                        day,
                        submitted.dueAt());
        batch.contact(day, submitted.serviceCode(), submitted.channel());
    }

    private void writeContacts(int generation, Map<ContactKey, long[]> contacts) {
        if (contacts.isEmpty()) {
            return;
        }
        Columns<Map.Entry<ContactKey, long[]>> columns =
                Columns.inKeyOrder(contacts)
                        .text("days", contact -> contact.getKey().day())
                        .text("services", contact -> contact.getKey().serviceCode())
                        .text("channels", contact -> contact.getKey().channel())
                        .int8("counts", contact -> contact.getValue()[0]);
        jdbc.sql(
                        "INSERT INTO contact_day (generation, day, service_code, channel,"
                                + " contacts) SELECT :generation, * FROM unnest(CAST(:days AS"
                                + " date[]), :services, :channels, :counts) ON CONFLICT"
                                + " (generation, day, service_code, channel) DO UPDATE SET"
                                + " contacts = contact_day.contacts + EXCLUDED.contacts")
                .param("generation", generation)
                .params(columns.params())
                .update();
    }

    /** Rare (a catalogue change): the newest of each service in the batch, in one statement. */
    private void writeDefinitions(int generation, Map<String, ServiceDefinitionChanged> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<ServiceDefinitionChanged> ds =
                changed.values().stream()
                        .sorted(Comparator.comparing(ServiceDefinitionChanged::serviceCode))
                        .toList();
        Columns<ServiceDefinitionChanged> columns =
                Columns.of(ds)
                        .text("codes", ServiceDefinitionChanged::serviceCode)
                        .text("names", ServiceDefinitionChanged::name)
                        .text("groups", ServiceDefinitionChanged::group)
                        .text("teams", ServiceDefinitionChanged::teamCode)
                        .text("publicRealm", ServiceDefinitionChanged::publicRealm)
                        .text("online", ServiceDefinitionChanged::availableOnline)
                        .text("open311", ServiceDefinitionChanged::availableOpen311)
                        .text("fees", ServiceDefinitionChanged::feePence)
                        .text("targets", ServiceDefinitionChanged::responseTarget)
                        .text("units", ServiceDefinitionChanged::responseUnit)
                        .text("withdrawn", ServiceDefinitionChanged::withdrawn)
                        .text("changedAt", ServiceDefinitionChanged::changedAt);
        jdbc.sql(
                        "INSERT INTO service_definition AS s (generation, service_code, name,"
                                + " service_group, team_code, public_realm, available_online,"
                                + " available_open311, fee_pence, response_target, response_unit,"
                                + " withdrawn, changed_at) SELECT :generation, * FROM"
                                + " unnest(:codes, :names, :groups, :teams,"
                                + " CAST(:publicRealm AS boolean[]), CAST(:online AS boolean[]),"
                                + " CAST(:open311 AS boolean[]), CAST(:fees AS bigint[]),"
                                + " CAST(:targets AS integer[]), :units,"
                                + " CAST(:withdrawn AS boolean[]),"
                                + " CAST(:changedAt AS timestamptz[])) ON CONFLICT (generation,"
                                + " service_code) DO UPDATE SET name = EXCLUDED.name,"
                                + " service_group = EXCLUDED.service_group, team_code ="
                                + " EXCLUDED.team_code, public_realm = EXCLUDED.public_realm,"
                                + " available_online = EXCLUDED.available_online,"
                                + " available_open311 = EXCLUDED.available_open311, fee_pence ="
                                + " EXCLUDED.fee_pence, response_target = EXCLUDED.response_target,"
                                + " response_unit = EXCLUDED.response_unit, withdrawn ="
                                + " EXCLUDED.withdrawn, changed_at = EXCLUDED.changed_at WHERE"
                                + " s.changed_at <= EXCLUDED.changed_at")
                .param("generation", generation)
                .params(columns.params())
                .update();
    }
}
