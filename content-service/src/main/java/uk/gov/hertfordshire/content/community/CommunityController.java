package uk.gov.hertfordshire.content.community;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.content.authoring.Authoring;
import uk.gov.hertfordshire.content.authoring.Authoring.Saved;
import uk.gov.hertfordshire.content.authoring.ItemContent;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * Citizens' community listings (local groups and events): {@code POST
 * /api/content/community/listings} submits one into the moderation queue (publishers approve or
 * reject it with a reason, through the authoring workflow); {@code GET .../listings/mine} shows the
 * citizen their own listings and any rejection reason. Who contributed a listing is never shown on
 * a channel.
 */
@RestController
@RequestMapping("/api/content/community/listings")
@PreAuthorize("hasRole('CITIZEN')")
class CommunityController {

    private final Authoring authoring;
    private final JdbcClient jdbc;
    private final Clock clock;

    CommunityController(Authoring authoring, JdbcClient jdbc, Clock clock) {
        this.authoring = authoring;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @PostMapping
    @Transactional
    ResponseEntity<Contribution> submit(@RequestBody ListingRequest request, Caller citizen) {
        String path =
                "/community/"
                        + slug(request.title())
                        + "-"
                        + UUID.randomUUID().toString().substring(0, 8);
        ItemContent content =
                new ItemContent(
                        request.title(),
                        request.summary(),
                        request.body(),
                        request.topics() == null ? List.of("community") : request.topics(),
                        List.of(),
                        List.of("web"),
                        "public",
                        LocalDate.now(clock.withZone(ZoneId.of("Europe/London"))).plusYears(1),
                        null,
                        null,
                        null,
                        request.startsAt(),
                        request.endsAt(),
                        null);
        Saved saved = authoring.submitContribution(path, content);
        jdbc.sql(
                        "INSERT INTO contribution (item_id, contributor, submitted_at) VALUES"
                                + " (:id, :contributor, :at)")
                .param("id", saved.item().id())
                .param("contributor", citizen.id())
                .param("at", java.sql.Timestamp.from(saved.item().createdAt()))
                .update();
        return ResponseEntity.created(
                        URI.create("/api/content/community/listings/" + saved.item().id()))
                .body(Contribution.of(saved.item().id(), path, request.title(), "in_review", null));
    }

    @GetMapping("/mine")
    List<Contribution> mine(Caller citizen) {
        return jdbc.sql(
                        "SELECT i.id, i.path, r.title, i.status, i.review_note FROM contribution c"
                                + " JOIN content_item i ON i.id = c.item_id JOIN content_revision"
                                + " r ON r.item_id = i.id AND r.revision = i.latest_revision WHERE"
                                + " c.contributor = :contributor ORDER BY c.submitted_at DESC")
                .param("contributor", citizen.id())
                .query(
                        (rs, n) ->
                                Contribution.of(
                                        rs.getObject("id", UUID.class),
                                        rs.getString("path"),
                                        rs.getString("title"),
                                        rs.getString("status"),
                                        rs.getString("review_note")))
                .list();
    }

    private static String slug(String title) {
        String slug =
                title == null
                        ? ""
                        : title.toLowerCase(Locale.ROOT)
                                .replaceAll("[^a-z0-9]+", "-")
                                .replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "listing" : slug;
    }

    /**
     * A listing as a citizen submits it.
     *
     * @param startsAt when the event starts, if it is one
     * @param endsAt when it ends
     */
    record ListingRequest(
            String title,
            String summary,
            String body,
            List<String> topics,
            Instant startsAt,
            Instant endsAt) {}

    /**
     * A contribution as its contributor sees it.
     *
     * @param state {@code awaiting_moderation}, {@code published} or {@code rejected} (with the
     *     publisher's reason)
     */
    record Contribution(UUID id, String path, String title, String state, String reason) {
        static Contribution of(UUID id, String path, String title, String status, String note) {
            String state =
                    switch (status) {
                        case "published" -> "published";
                        case "in_review" -> "awaiting_moderation";
                        case "draft" -> note == null ? "withdrawn" : "rejected";
                        default -> status;
                    };
            return new Contribution(id, path, title, state, "rejected".equals(state) ? note : null);
        }
    }
}
