package uk.gov.hertfordshire.content.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.content.authoring.ContentChannel;
import uk.gov.hertfordshire.platform.events.content.FeedbackReceived;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Counts "this answered my question" once per item, client address and London day, and emits {@code
 * feedback-received} with the item's service codes for analytics to count contacts avoided. The
 * address is kept only as an HMAC under that day's key ({@link AddressHash}): the same client's
 * rows on two days cannot be linked, and without the secret the key comes from no row can be turned
 * back into an address.
 */
@Component
class Feedback {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final AddressHash addresses;

    Feedback(JdbcClient jdbc, Outbox outbox, Clock clock, AddressHash addresses) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.addresses = addresses;
    }

    /** Records the answer; true if it was counted, false for a repeat that day. */
    @Transactional
    boolean record(LiveItem item, ContentChannel channel, String clientAddress) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        LocalDate day = LocalDate.ofInstant(now, LONDON);
        int inserted =
                jdbc.sql(
                                "INSERT INTO feedback (id, item_id, client_hash, day, channel,"
                                        + " revision, received_at) VALUES (:id, :item, :client,"
                                        + " :day, :channel, :revision, :now) ON CONFLICT (item_id,"
                                        + " client_hash, day) DO NOTHING")
                        .param("id", id)
                        .param("item", item.id())
                        .param("client", addresses.forFeedback(clientAddress, day))
                        .param("day", day)
                        .param("channel", channel.wireValue())
                        .param("revision", item.revision())
                        .param("now", Timestamp.from(now))
                        .update();
        if (inserted == 0) {
            return false;
        }
        outbox.append(
                new FeedbackReceived(
                        id.toString(),
                        item.id().toString(),
                        item.revision(),
                        channel.wireValue(),
                        item.serviceCodes(),
                        now));
        return true;
    }
}
