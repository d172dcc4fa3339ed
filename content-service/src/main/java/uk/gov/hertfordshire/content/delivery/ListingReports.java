package uk.gov.hertfordshire.content.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.content.authoring.Authoring;

/**
 * Reports of a live community listing, kept once per listing, client address and London day and
 * counted by reporter (client address, kept as an HMAC under the listing's own key, {@link
 * AddressHash}: comparable across that listing's days and nowhere else); at {@code
 * platform.content.community.reports-to-moderate} (default 3) reporters the listing comes off the
 * channels and returns to the moderation queue.
 */
@Component
class ListingReports {

    private final JdbcClient jdbc;
    private final AddressHash addresses;
    private final Authoring authoring;
    private final Clock clock;
    private final int threshold;

    ListingReports(
            JdbcClient jdbc,
            AddressHash addresses,
            Authoring authoring,
            Clock clock,
            @Value("${platform.content.community.reports-to-moderate:3}") int threshold) {
        this.jdbc = jdbc;
        this.addresses = addresses;
        this.authoring = authoring;
        this.clock = clock;
        this.threshold = threshold;
    }

    /**
     * Records a report; true if the listing went back to moderation because of it. The listing's
     * row is locked first, so reports of one listing are counted one after another: two arriving
     * together cannot each miss the other's and both stop short of the threshold. (Locked before
     * the insert, whose foreign key would otherwise take a share lock each that neither could
     * upgrade.)
     */
    @Transactional
    boolean report(LiveItem listing, String clientAddress) {
        jdbc.sql("SELECT id FROM content_item WHERE id = :id FOR UPDATE")
                .param("id", listing.id())
                .query(UUID.class)
                .optional();
        Instant now = clock.instant();
        int added =
                jdbc.sql(
                                "INSERT INTO listing_report (item_id, client_hash, day,"
                                        + " reported_at) VALUES (:id, :client, :day, :now) ON"
                                        + " CONFLICT DO NOTHING")
                        .param("id", listing.id())
                        .param("client", addresses.forListingReport(clientAddress, listing.id()))
                        .param("day", LocalDate.ofInstant(now, ZoneId.of("Europe/London")))
                        .param("now", Timestamp.from(now))
                        .update();
        if (added == 0) {
            return false;
        }
        // Reporters since the listing last went live (a listing a publisher reinstated starts
        // afresh): one client reporting on several days is one reporter.
        int reporters =
                jdbc.sql(
                                "SELECT count(DISTINCT r.client_hash) FROM listing_report r JOIN"
                                        + " content_item i ON i.id = r.item_id WHERE r.item_id ="
                                        + " :id AND r.reported_at >= i.published_at")
                        .param("id", listing.id())
                        .query(Integer.class)
                        .single();
        return reporters >= threshold && authoring.returnToModeration(listing.id());
    }
}
