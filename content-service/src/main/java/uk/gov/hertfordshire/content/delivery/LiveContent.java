package uk.gov.hertfordshire.content.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.content.authoring.ContentChannel;

/**
 * Reads live revisions for a channel: only items whose live revision names the channel, and on a
 * public channel only public-audience items — the rule is in every query here, so no read path can
 * forget it.
 */
@Repository
class LiveContent {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SELECT =
            "SELECT i.id, i.type, i.path, i.live_revision, i.published_at, r.title, r.summary,"
                    + " r.body, r.details, r.topics, r.service_codes, r.channels, r.audience,"
                    + " r.plain_text FROM content_item i JOIN content_revision r ON r.item_id ="
                    + " i.id AND r.revision = i.live_revision";

    static final String ON_CHANNEL =
            " :channel = ANY (r.channels) AND (r.audience = 'public' OR NOT :publicChannel)";

    private final JdbcClient jdbc;

    LiveContent(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The live revision at the path on the channel, without its content. */
    Optional<LiveRef> refByPath(ContentChannel channel, String path) {
        return jdbc.sql(
                        "SELECT i.id, i.path, i.live_revision, i.published_at FROM content_item i"
                                + " JOIN content_revision r ON r.item_id = i.id AND r.revision ="
                                + " i.live_revision WHERE i.path = :path AND"
                                + ON_CHANNEL)
                .param("path", path)
                .param("channel", channel.wireValue())
                .param("publicChannel", channel.isPublic())
                .query(
                        (rs, row) ->
                                new LiveRef(
                                        rs.getObject("id", UUID.class),
                                        rs.getString("path"),
                                        rs.getInt("live_revision"),
                                        instant(rs, "published_at")))
                .optional();
    }

    /**
     * The revision a {@link LiveRef} names, whether or not it is still live, at the reference's
     * path and publication time (not the item's now): a revision's text never changes, so what is
     * read here is what the reference names.
     */
    Optional<LiveItem> atRevision(LiveRef ref) {
        return jdbc.sql(
                        "SELECT i.id, i.type, i.path, r.revision AS live_revision,"
                                + " i.published_at, r.title, r.summary, r.body, r.details,"
                                + " r.topics, r.service_codes, r.channels, r.audience,"
                                + " r.plain_text FROM content_item i JOIN content_revision r ON"
                                + " r.item_id = i.id WHERE i.id = :id AND r.revision = :revision")
                .param("id", ref.id())
                .param("revision", ref.revision())
                .query(LiveContent::map)
                .optional()
                .map(item -> item.as(ref));
    }

    Optional<LiveItem> byId(ContentChannel channel, UUID id) {
        return jdbc.sql(SELECT + " WHERE i.id = :id AND" + ON_CHANNEL)
                .param("id", id)
                .param("channel", channel.wireValue())
                .param("publicChannel", channel.isPublic())
                .query(LiveContent::map)
                .optional();
    }

    /** Live items on the channel with the topic or service code, by title. */
    List<LiveItem> list(ContentChannel channel, String topic, String serviceCode, int limit) {
        return jdbc.sql(
                        SELECT
                                + " WHERE"
                                + ON_CHANNEL
                                + " AND (CAST(:topic AS text) IS NULL OR :topic = ANY"
                                + " (r.topics)) AND (CAST(:code AS text) IS NULL OR :code = ANY"
                                + " (r.service_codes)) ORDER BY r.title LIMIT :limit")
                .param("channel", channel.wireValue())
                .param("publicChannel", channel.isPublic())
                .param("topic", topic)
                .param("code", serviceCode)
                .param("limit", limit)
                .query(LiveContent::map)
                .list();
    }

    /** Alerts in force now on the channel, high priority first, then the newest. */
    List<LiveItem> alerts(ContentChannel channel, Instant now) {
        return jdbc.sql(
                        SELECT
                                + " WHERE i.type = 'alert' AND"
                                + ON_CHANNEL
                                + " AND CAST(r.details->>'startsAt' AS timestamptz) <= :now AND"
                                + " (r.details->>'endsAt' IS NULL OR CAST(r.details->>'endsAt' AS"
                                + " timestamptz) > :now) ORDER BY CASE r.details->>'priority'"
                                + " WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,"
                                + " CAST(r.details->>'startsAt' AS timestamptz) DESC")
                .param("channel", channel.wireValue())
                .param("publicChannel", channel.isPublic())
                .param("now", Timestamp.from(now))
                .query(LiveContent::map)
                .list();
    }

    static LiveItem map(ResultSet rs, int row) throws SQLException {
        return new LiveItem(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                rs.getString("path"),
                rs.getInt("live_revision"),
                instant(rs, "published_at"),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getString("body"),
                JSON.readValue(
                        rs.getString("details"), new TypeReference<Map<String, Object>>() {}),
                Arrays.asList((String[]) rs.getArray("topics").getArray()),
                Arrays.asList((String[]) rs.getArray("service_codes").getArray()),
                Arrays.asList((String[]) rs.getArray("channels").getArray()),
                rs.getString("audience"),
                rs.getString("plain_text"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
