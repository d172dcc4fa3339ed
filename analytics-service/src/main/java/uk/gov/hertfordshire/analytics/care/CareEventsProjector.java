package uk.gov.hertfordshire.analytics.care;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.analytics.projection.Projector;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.care.ClockBreached;
import uk.gov.hertfordshire.platform.events.care.ReferralDecided;
import uk.gov.hertfordshire.platform.events.care.ReferralReceived;

/**
 * Applies care events to one generation's {@code care_referral_fact}. Order-independent (see {@link
 * Projector}): a referral's agency, category and times never change, so whichever event arrives
 * first fills them; breached clocks accumulate as a set.
 */
@Component
class CareEventsProjector implements Projector {

    private final JdbcClient jdbc;
    private final EventSerializer serializer = new EventSerializer();

    CareEventsProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String topic() {
        return Topics.CARE;
    }

    @Override
    public List<String> tables() {
        return List.of("care_referral_fact");
    }

    @Override
    public void apply(int generation, ReceivedEvent event) {
        String type = event.type();
        if (ReferralReceived.TYPE.type().equals(type)) {
            ReferralReceived e = serializer.fromJson(event.data(), ReferralReceived.class);
            upsert(
                    generation,
                    e.referralId(),
                    e.agencyId(),
                    e.category(),
                    e.receivedAt(),
                    null,
                    null,
                    null);
        } else if (ReferralDecided.TYPE.type().equals(type)) {
            ReferralDecided e = serializer.fromJson(event.data(), ReferralDecided.class);
            upsert(
                    generation,
                    e.referralId(),
                    e.agencyId(),
                    e.category(),
                    e.receivedAt(),
                    e.outcome(),
                    e.decidedAt(),
                    null);
        } else if (ClockBreached.TYPE.type().equals(type)) {
            ClockBreached e = serializer.fromJson(event.data(), ClockBreached.class);
            upsert(generation, e.referralId(), null, null, null, null, null, e.clock());
        }
        // Other care events (approaching clocks, packages) are not counted here.
    }

    private void upsert(
            int generation,
            String referralId,
            String agencyId,
            String category,
            Instant receivedAt,
            String outcome,
            Instant decidedAt,
            String breachedClock) {
        jdbc.sql(
                        "INSERT INTO care_referral_fact AS f (generation, referral_id, agency_id,"
                                + " category, received_at, outcome, decided_at, breached_clocks)"
                                + " VALUES (:generation, :id, :agency, :category, :receivedAt,"
                                + " :outcome, :decidedAt, CASE WHEN CAST(:clock AS text) IS NULL"
                                + " THEN '{}'::text[] ELSE ARRAY[CAST(:clock AS text)] END) ON"
                                + " CONFLICT (generation, referral_id) DO UPDATE SET agency_id ="
                                + " COALESCE(f.agency_id, EXCLUDED.agency_id), category ="
                                + " COALESCE(f.category, EXCLUDED.category), received_at ="
                                + " COALESCE(f.received_at, EXCLUDED.received_at), outcome ="
                                + " COALESCE(f.outcome, EXCLUDED.outcome), decided_at ="
                                + " COALESCE(f.decided_at, EXCLUDED.decided_at),"
                                + " breached_clocks = ARRAY(SELECT DISTINCT c FROM"
                                + " unnest(f.breached_clocks || EXCLUDED.breached_clocks) AS c"
                                + " ORDER BY c)")
                .param("generation", generation)
                .param("id", UUID.fromString(referralId))
                .param("agency", agencyId)
                .param("category", category)
                .param("receivedAt", receivedAt == null ? null : Timestamp.from(receivedAt))
                .param("outcome", outcome)
                .param("decidedAt", decidedAt == null ? null : Timestamp.from(decidedAt))
                .param("clock", breachedClock)
                .update();
    }
}
