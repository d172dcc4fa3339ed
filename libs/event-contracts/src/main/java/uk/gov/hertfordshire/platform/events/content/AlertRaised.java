package uk.gov.hertfordshire.platform.events.content;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * An alert (a road closure, a service disruption) went live: what banner feeds and displays need to
 * show it, beside the {@link ContentPublished} every channel consumer follows.
 *
 * @param contentId the alert's content item UUID
 * @param revision the live revision, from 1
 * @param priority one of {@link #PRIORITIES}
 * @param channels where it shows, each one of {@link ContentPublished#CHANNELS}
 * @param startsAt when the alert is in force from
 * @param endsAt when it ends, or null if not known
 * @param raisedAt when it went live
 */
public record AlertRaised(
        String contentId,
        int revision,
        String priority,
        List<String> channels,
        Instant startsAt,
        Instant endsAt,
        Instant raisedAt)
        implements DomainEvent {

    public static final EventType<AlertRaised> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.content.alert-raised.v1",
                    Topics.CONTENT,
                    "/content-service",
                    AlertRaised.class);

    /** Every priority, highest first. */
    public static final List<String> PRIORITIES = List.of("high", "medium", "low");

    public AlertRaised {
        EventFields.uuid(contentId, "contentId");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be 1 or more but was " + revision);
        }
        EventFields.oneOf(priority, PRIORITIES, "priority");
        channels = EventFields.distinct(channels, "channels");
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channels must name at least one channel");
        }
        channels.forEach(
                channel -> EventFields.oneOf(channel, ContentPublished.CHANNELS, "channels"));
        EventFields.required(startsAt, "startsAt");
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt");
        }
        EventFields.required(raisedAt, "raisedAt");
    }

    @Override
    public String aggregateId() {
        return contentId;
    }

    @Override
    public Instant occurredAt() {
        return raisedAt;
    }
}
