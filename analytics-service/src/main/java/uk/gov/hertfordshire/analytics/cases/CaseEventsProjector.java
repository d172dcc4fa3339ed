package uk.gov.hertfordshire.analytics.cases;

import java.sql.Timestamp;
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
import uk.gov.hertfordshire.platform.events.cases.CaseStatusChanged;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;

/**
 * Applies case events to one generation. Order-independent (see {@link Projector}): counters add
 * up, and the case's status keeps the value of the newest event by the time it happened.
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
        if (CaseSubmitted.TYPE.type().equals(type)) {
            submitted(generation, serializer.fromJson(event.data(), CaseSubmitted.class));
        } else if (CaseStatusChanged.TYPE.type().equals(type)) {
            CaseStatusChanged changed = serializer.fromJson(event.data(), CaseStatusChanged.class);
            status(generation, changed.caseId(), null, changed.toStatus(), changed.changedAt());
        }
        // Other types (and ones added later) are not measured yet: ignored, as a tolerant reader.
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
                                + " status_at) VALUES (:generation, :caseId, :serviceCode,"
                                + " :channel, :area, :submittedAt, :day, 1, 'submitted',"
                                + " :submittedAt) ON CONFLICT (generation, case_id) DO UPDATE SET"
                                + " service_code = EXCLUDED.service_code, channel ="
                                + " EXCLUDED.channel, area = EXCLUDED.area, submitted_at ="
                                + " EXCLUDED.submitted_at, submitted_day = EXCLUDED.submitted_day,"
                                + " times_counted = f.times_counted + 1, "
                                + NEWEST_STATUS)
                .param("generation", generation)
                .param("caseId", UUID.fromString(submitted.caseId()))
                .param("serviceCode", submitted.serviceCode())
                .param("channel", submitted.channel().wireValue())
                .param("area", area)
                .param("submittedAt", Timestamp.from(submitted.submittedAt()))
                .param("day", day)
                .update();
        contact(generation, day, submitted.serviceCode(), submitted.channel());
    }

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

    @SuppressWarnings("unused") // used by the events that arrive with the case lifecycle contracts
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
}
