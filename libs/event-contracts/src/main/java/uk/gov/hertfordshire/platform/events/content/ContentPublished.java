package uk.gov.hertfordshire.platform.events.content;

import java.time.Instant;
import java.util.List;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.events.EventFields;
import uk.gov.hertfordshire.platform.events.EventType;
import uk.gov.hertfordshire.platform.events.Topics;

/**
 * A revision of a content item was published to one or more publication channels.
 *
 * @param contentId the content item's UUID
 * @param revision the published revision, from 1
 * @param channels where it was published, each one of {@link #CHANNELS}, at least one, no repeats
 * @param publishedAt when it was published
 */
public record ContentPublished(
        String contentId, int revision, List<String> channels, Instant publishedAt)
        implements DomainEvent {

    public static final EventType<ContentPublished> TYPE =
            EventType.define(
                    "uk.gov.hertfordshire.content.published.v1",
                    Topics.CONTENT,
                    "/content-service",
                    ContentPublished.class);

    /** The publication channels one piece of content can go to. */
    public static final List<String> CHANNELS =
            List.of("web", "intranet", "digital_tv", "contact_centre");

    public ContentPublished {
        EventFields.uuid(contentId, "contentId");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be 1 or more but was " + revision);
        }
        channels = EventFields.distinct(channels, "channels");
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channels must name at least one channel");
        }
        channels.forEach(channel -> EventFields.oneOf(channel, CHANNELS, "channels"));
        EventFields.required(publishedAt, "publishedAt");
    }

    @Override
    public String aggregateId() {
        return contentId;
    }

    @Override
    public Instant occurredAt() {
        return publishedAt;
    }
}
