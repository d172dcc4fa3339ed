package uk.gov.hertfordshire.content.authoring;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Content items and their revisions in PostgreSQL (plain SQL, ADR 3). The one place that writes
 * {@code content_item} and {@code content_revision}; every change locks the item row first.
 */
@Repository
class ItemRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ITEM_COLUMNS =
            "id, type, path, staged_path, status, latest_revision, live_revision, version,"
                    + " publish_at, unpublish_at, scheduled_unpublish_at, published_at,"
                    + " review_note, created_at, updated_at";

    private final JdbcClient jdbc;

    ItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ItemRecord> find(UUID id) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM content_item WHERE id = :id")
                .param("id", id)
                .query(ItemRepository::item)
                .optional();
    }

    /** The item, its row locked until the transaction ends. */
    Optional<ItemRecord> lock(UUID id) {
        return jdbc.sql("SELECT " + ITEM_COLUMNS + " FROM content_item WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(ItemRepository::item)
                .optional();
    }

    /**
     * Whether a path is held by another item than {@code except}: where that item is, or staged by
     * an edit of it that waits for approval. {@code content_path} (migration 8) holds both, one row
     * a path, so the database refuses a second holder too.
     */
    boolean pathTaken(String path, UUID except) {
        return jdbc.sql("SELECT count(*) FROM content_path WHERE path = :path AND item_id <> :id")
                        .param("path", path)
                        .param("id", except)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** Whether a path is a live item: internal links may point only at these. */
    boolean isLivePath(String path) {
        return jdbc.sql(
                                "SELECT count(*) FROM content_item WHERE path = :path AND"
                                        + " live_revision IS NOT NULL")
                        .param("path", path)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    void insert(ItemRecord item) {
        jdbc.sql(
                        "INSERT INTO content_item (id, type, path, status, latest_revision,"
                                + " version, created_at, updated_at) VALUES (:id, :type, :path,"
                                + " :status, :latest, :version, :now, :now)")
                .param("id", item.id())
                .param("type", item.type().wireValue())
                .param("path", item.path())
                .param("status", item.status().wireValue())
                .param("latest", item.latestRevision())
                .param("version", item.version())
                .param("now", Timestamp.from(item.createdAt()))
                .update();
    }

    /**
     * Writes the item's workflow state as given, and bumps its version; a {@link
     * org.springframework.dao.DuplicateKeyException} if another item holds its path or staged path.
     */
    void update(ItemRecord item, Instant now) {
        jdbc.sql(
                        "UPDATE content_item SET path = :path, staged_path = :stagedPath, status ="
                                + " :status, latest_revision = :latest, live_revision = :live,"
                                + " version = version + 1, publish_at = :publishAt, unpublish_at ="
                                + " :unpublishAt, scheduled_unpublish_at = :scheduledUnpublishAt,"
                                + " published_at = :publishedAt, review_note = :reviewNote,"
                                + " updated_at = :now WHERE id = :id")
                .param("id", item.id())
                .param("path", item.path())
                .param("stagedPath", item.stagedPath())
                .param("status", item.status().wireValue())
                .param("latest", item.latestRevision())
                .param("live", item.liveRevision())
                .param("publishAt", timestamp(item.publishAt()))
                .param("unpublishAt", timestamp(item.unpublishAt()))
                .param("scheduledUnpublishAt", timestamp(item.scheduledUnpublishAt()))
                .param("publishedAt", timestamp(item.publishedAt()))
                .param("reviewNote", item.reviewNote())
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Puts a starter item live at revision 1 (migration 2): only the columns migration 1 made, as
     * it runs before later migrations add theirs.
     */
    void seedLive(UUID id, Instant now) {
        jdbc.sql(
                        "UPDATE content_item SET status = 'published', live_revision = 1, version ="
                                + " version + 1, published_at = :now, updated_at = :now WHERE id ="
                                + " :id")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Records that content.published went out for this live revision. */
    void markAnnounced(UUID id, int revision) {
        jdbc.sql("UPDATE content_item SET announced_revision = :revision WHERE id = :id")
                .param("id", id)
                .param("revision", revision)
                .update();
    }

    /** Adds the words of a live revision to the spelling list search corrects against. */
    void rememberWords(UUID id, int revision) {
        jdbc.sql(
                        "INSERT INTO search_word (word) SELECT DISTINCT lower(w) FROM"
                                + " content_revision, regexp_split_to_table(title || ' ' ||"
                                + " summary || ' ' || plain_text, '[^A-Za-z]+') AS w WHERE"
                                + " item_id = :id AND revision = :revision AND length(w) >= 3"
                                + " ON CONFLICT (word) DO NOTHING")
                .param("id", id)
                .param("revision", revision)
                .update();
    }

    void insertRevision(Revision revision, String plainText) {
        ItemContent c = revision.content();
        jdbc.sql(
                        "INSERT INTO content_revision (item_id, revision, title, summary, body,"
                                + " details, topics, service_codes, channels, audience, review_by,"
                                + " plain_text, author_staff_id, note, created_at) VALUES"
                                + " (:id, :revision, :title, :summary, :body, CAST(:details AS"
                                + " jsonb), :topics, :codes, :channels, :audience, :reviewBy,"
                                + " :plainText, :author, :note, :createdAt)")
                .param("id", revision.itemId())
                .param("revision", revision.number())
                .param("title", c.title())
                .param("summary", c.summary())
                .param("body", c.body())
                .param("details", JSON.writeValueAsString(Details.of(c)))
                .param("topics", c.topics().toArray(String[]::new))
                .param("codes", c.serviceCodes().toArray(String[]::new))
                .param("channels", c.channels().toArray(String[]::new))
                .param("audience", c.audience())
                .param("reviewBy", c.reviewBy())
                .param("plainText", plainText)
                .param("author", revision.authorStaffId())
                .param("note", revision.note())
                .param("createdAt", Timestamp.from(revision.createdAt()))
                .update();
    }

    Optional<Revision> revision(UUID id, int number) {
        return jdbc.sql(
                        "SELECT * FROM content_revision WHERE item_id = :id AND revision ="
                                + " :revision")
                .param("id", id)
                .param("revision", number)
                .query(ItemRepository::revision)
                .optional();
    }

    /** Every revision, newest first. */
    List<Revision> revisions(UUID id) {
        return jdbc.sql("SELECT * FROM content_revision WHERE item_id = :id ORDER BY revision DESC")
                .param("id", id)
                .query(ItemRepository::revision)
                .list();
    }

    /** Who made each revision after {@code after}, by revision number. */
    Map<Integer, String> authorsAfter(UUID id, int after) {
        Map<Integer, String> authors = new java.util.TreeMap<>();
        jdbc.sql(
                        "SELECT revision, author_staff_id FROM content_revision WHERE item_id ="
                                + " :id AND revision > :after")
                .param("id", id)
                .param("after", after)
                .query(
                        (rs, row) ->
                                authors.put(rs.getInt("revision"), rs.getString("author_staff_id")))
                .list();
        return authors;
    }

    /** Live items whose review date has passed, the longest overdue first. */
    List<Map<String, Object>> overdueForReview(LocalDate today) {
        return jdbc.sql(
                        "SELECT i.id, i.path, r.title, r.review_by FROM content_item i JOIN"
                                + " content_revision r ON r.item_id = i.id AND r.revision ="
                                + " i.live_revision WHERE r.review_by < :today ORDER BY"
                                + " r.review_by, i.path")
                .param("today", today)
                .query(
                        (rs, row) ->
                                Map.<String, Object>of(
                                        "id", rs.getObject("id", UUID.class),
                                        "path", rs.getString("path"),
                                        "title", rs.getString("title"),
                                        "reviewBy", rs.getObject("review_by", LocalDate.class)))
                .list();
    }

    /** Items in one workflow status, most recently changed first. */
    List<ItemRecord> inStatus(ContentStatus status, int limit) {
        return jdbc.sql(
                        "SELECT "
                                + ITEM_COLUMNS
                                + " FROM content_item WHERE status = :status ORDER BY updated_at"
                                + " DESC LIMIT :limit")
                .param("status", status.wireValue())
                .param("limit", limit)
                .query(ItemRepository::item)
                .list();
    }

    private static ItemRecord item(ResultSet rs, int row) throws SQLException {
        return new ItemRecord(
                rs.getObject("id", UUID.class),
                ContentType.fromWire(rs.getString("type")).orElseThrow(),
                rs.getString("path"),
                rs.getString("staged_path"),
                ContentStatus.fromWire(rs.getString("status")),
                rs.getInt("latest_revision"),
                (Integer) rs.getObject("live_revision"),
                rs.getInt("version"),
                instant(rs, "publish_at"),
                instant(rs, "unpublish_at"),
                instant(rs, "scheduled_unpublish_at"),
                instant(rs, "published_at"),
                rs.getString("review_note"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Revision revision(ResultSet rs, int row) throws SQLException {
        Details details = JSON.readValue(rs.getString("details"), Details.class);
        ItemContent content =
                new ItemContent(
                        rs.getString("title"),
                        rs.getString("summary"),
                        rs.getString("body"),
                        strings(rs.getArray("topics")),
                        strings(rs.getArray("service_codes")),
                        strings(rs.getArray("channels")),
                        rs.getString("audience"),
                        rs.getObject("review_by", LocalDate.class),
                        details.parts(),
                        details.steps(),
                        details.priority(),
                        details.startsAt(),
                        details.endsAt(),
                        details.callScript());
        return new Revision(
                rs.getObject("item_id", UUID.class),
                rs.getInt("revision"),
                content,
                rs.getString("author_staff_id"),
                rs.getString("note"),
                instant(rs, "created_at"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** The type-specific fields, stored as JSON beside the common columns. */
    record Details(
            List<ItemContent.Part> parts,
            List<ItemContent.Part> steps,
            String priority,
            Instant startsAt,
            Instant endsAt,
            String callScript) {

        static Details of(ItemContent c) {
            return new Details(
                    c.parts(), c.steps(), c.priority(), c.startsAt(), c.endsAt(), c.callScript());
        }
    }
}
