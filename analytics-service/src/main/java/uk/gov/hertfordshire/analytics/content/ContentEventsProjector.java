package uk.gov.hertfordshire.analytics.content;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.gov.hertfordshire.analytics.projection.DailyCounts;
import uk.gov.hertfordshire.analytics.projection.Projector;
import uk.gov.hertfordshire.platform.events.EventSerializer;
import uk.gov.hertfordshire.platform.events.ReceivedEvent;
import uk.gov.hertfordshire.platform.events.Topics;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;

/**
 * Counts contacts avoided: each {@code feedback-received} (already limited by content-service to
 * one per item, client address and day) is one contact the council did not take, counted once for
 * each service the item answers, on the Europe/London day it was given. Counters only add up, so
 * the order events arrive in does not matter.
 */
@Component
class ContentEventsProjector implements Projector {

    /** The {@code daily_count} measure: dimension = the service the page answers. */
    public static final String MEASURE = "content.self_service";

    /** Where feedback on an item that answers no catalogue service is counted. */
    static final String NO_SERVICE = "";

    private final JdbcClient jdbc;
    private final EventSerializer serializer = new EventSerializer();

    ContentEventsProjector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String topic() {
        return Topics.CONTENT;
    }

    @Override
    public List<String> tables() {
        return List.of("daily_count");
    }

    @Override
    public void apply(int generation, List<ReceivedEvent> events) {
        DailyCounts counts = new DailyCounts();
        for (ReceivedEvent event : events) {
            if (!FeedbackReceived.TYPE.type().equals(event.type())) {
                continue; // publications and the rest are not measured (yet)
            }
            FeedbackReceived feedback = serializer.fromJson(event.data(), FeedbackReceived.class);
            List<String> services =
                    feedback.serviceCodes().isEmpty()
                            ? List.of(NO_SERVICE)
                            : feedback.serviceCodes();
            for (String service : services) {
                counts.add(feedback.receivedAt(), MEASURE, service, 0);
            }
        }
        counts.write(jdbc, generation);
    }
}
