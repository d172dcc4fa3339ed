package uk.gov.hertfordshire.analytics.care;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.analytics.projection.Columns;
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
 * first fills them; breached clocks accumulate as a set. A batch folds each referral's events in
 * memory by the same rules and writes one upsert.
 */
@Component
class CareEventsProjector implements Projector {

    private final JdbcClient jdbc;
    private final EventSerializer serializer = new EventSerializer();
    private final JsonMapper json = JsonMapper.builder().build();

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
    public void apply(int generation, List<ReceivedEvent> events) {
        Map<UUID, Referral> referrals = new TreeMap<>();
        for (ReceivedEvent event : events) {
            String type = event.type();
            if (ReferralReceived.TYPE.type().equals(type)) {
                ReferralReceived e = serializer.fromJson(event.data(), ReferralReceived.class);
                referral(referrals, e.referralId())
                        .fill(e.agencyId(), e.category(), e.receivedAt(), null, null, null);
            } else if (ReferralDecided.TYPE.type().equals(type)) {
                ReferralDecided e = serializer.fromJson(event.data(), ReferralDecided.class);
                referral(referrals, e.referralId())
                        .fill(
                                e.agencyId(),
                                e.category(),
                                e.receivedAt(),
                                e.outcome(),
                                e.decidedAt(),
                                null);
            } else if (ClockBreached.TYPE.type().equals(type)) {
                ClockBreached e = serializer.fromJson(event.data(), ClockBreached.class);
                referral(referrals, e.referralId()).fill(null, null, null, null, null, e.clock());
            }
            // Other care events (approaching clocks, packages) are not counted here.
        }
        write(generation, referrals);
    }

    private static Referral referral(Map<UUID, Referral> referrals, String referralId) {
        return referrals.computeIfAbsent(UUID.fromString(referralId), id -> new Referral());
    }

    /** What a batch says of one referral: the first value given of each fact, every clock. */
    private static final class Referral {
        String agencyId;
        String category;
        Instant receivedAt;
        String outcome;
        Instant decidedAt;
        final List<String> breachedClocks = new ArrayList<>();

        void fill(
                String agencyId,
                String category,
                Instant receivedAt,
                String outcome,
                Instant decidedAt,
                String breachedClock) {
            this.agencyId = this.agencyId == null ? agencyId : this.agencyId;
            this.category = this.category == null ? category : this.category;
            this.receivedAt = this.receivedAt == null ? receivedAt : this.receivedAt;
            this.outcome = this.outcome == null ? outcome : this.outcome;
            this.decidedAt = this.decidedAt == null ? decidedAt : this.decidedAt;
            if (breachedClock != null) {
                breachedClocks.add(breachedClock);
            }
        }
    }

    private void write(int generation, Map<UUID, Referral> referrals) {
        if (referrals.isEmpty()) {
            return;
        }
        Columns<Map.Entry<UUID, Referral>> columns =
                Columns.of(referrals.entrySet())
                        .text("ids", Map.Entry::getKey)
                        .text("agencies", r -> r.getValue().agencyId)
                        .text("categories", r -> r.getValue().category)
                        .text("received", r -> r.getValue().receivedAt)
                        .text("outcomes", r -> r.getValue().outcome)
                        .text("decided", r -> r.getValue().decidedAt)
                        // One text per row (unnest cannot take arrays of differing lengths); the
                        // set is sorted and made distinct by PostgreSQL, as the update below does.
                        .text("clocks", r -> json.writeValueAsString(r.getValue().breachedClocks));
        jdbc.sql(
                        "INSERT INTO care_referral_fact AS f (generation, referral_id, agency_id,"
                                + " category, received_at, outcome, decided_at, breached_clocks)"
                                + " SELECT :generation, id, agency, category, received_at,"
                                + " outcome, decided_at, ARRAY(SELECT DISTINCT c FROM"
                                + " jsonb_array_elements_text(CAST(clocks AS jsonb)) AS c ORDER BY"
                                + " c) FROM unnest(CAST(:ids AS uuid[]), :agencies, :categories,"
                                + " CAST(:received AS timestamptz[]), :outcomes,"
                                + " CAST(:decided AS timestamptz[]), :clocks) AS t(id, agency,"
                                + " category, received_at, outcome, decided_at, clocks) ON"
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
                .params(columns.params())
                .update();
    }
}
