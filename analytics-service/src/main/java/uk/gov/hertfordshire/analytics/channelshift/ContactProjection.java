package uk.gov.hertfordshire.analytics.channelshift;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.cases.CaseSubmitted;

/** Applies case events to the contact counts; runs inside the inbox transaction. */
@Component
class ContactProjection {

    /** The council's day: daily figures follow Europe/London, summer time included. */
    static final ZoneId COUNCIL_TIME = ZoneId.of("Europe/London");

    private final JdbcClient jdbc;
    private final EventSerializer serializer = new EventSerializer();

    ContactProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void apply(ReceivedEvent event) {
        if (!CaseSubmitted.TYPE.type().equals(event.type())) {
            return;
        }
        CaseSubmitted submitted = serializer.fromJson(event.data(), CaseSubmitted.class);
        LocalDate day = submitted.submittedAt().atZone(COUNCIL_TIME).toLocalDate();
        String channel = submitted.channel().wireValue();
        jdbc.sql(
                        "INSERT INTO contact (case_id, channel, service_code, submitted_at, day,"
                                + " times_counted) VALUES (:caseId, :channel, :serviceCode,"
                                + " :submittedAt, :day, 1) ON CONFLICT (case_id) DO UPDATE SET"
                                + " times_counted = contact.times_counted + 1")
                .param("caseId", UUID.fromString(submitted.caseId()))
                .param("channel", channel)
                .param("serviceCode", submitted.serviceCode())
                .param("submittedAt", Timestamp.from(submitted.submittedAt()))
                .param("day", day)
                .update();
        jdbc.sql(
                        "INSERT INTO channel_day (day, channel, contacts) VALUES (:day, :channel, 1)"
                                + " ON CONFLICT (day, channel) DO UPDATE SET contacts ="
                                + " channel_day.contacts + 1")
                .param("day", day)
                .param("channel", channel)
                .update();
    }
}
