package uk.gov.hertfordshire.content.authoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import uk.gov.hertfordshire.content.authoring.AuthoringController.ItemRequest;

/**
 * Flyway migration 2: the starter content a new council user sees (one page answering each service
 * in case-service's seeded catalogue, guides, news, alerts, knowledge articles, intranet pages and
 * community listings), read from {@code seed/starter-content.json} and stored live at revision 1
 * through the same repository as any item. Their {@code content.published} events are not written
 * here: the publication watch announces every live revision not yet announced, through the outbox,
 * once the service runs.
 */
@Component
class StarterContent implements JavaMigration {

    static final String RESOURCE = "/seed/starter-content.json";

    /** The author of seeded revisions: no person, so the four-eyes rule binds nobody. */
    static final String SEED_AUTHOR = "seed";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "starter content";
    }

    /**
     * None: the starter content is written once, when a database is new; a later edit to the
     * resource is for new installations and must not fail validation of existing ones.
     */
    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        ItemRepository items =
                new ItemRepository(
                        JdbcClient.create(
                                new SingleConnectionDataSource(context.getConnection(), true)));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (ItemRequest seed : seeds()) {
            UUID id = UUID.nameUUIDFromBytes(("hertfordshire-content:" + seed.path()).getBytes());
            ContentType type = ContentType.fromWire(seed.type()).orElseThrow();
            ItemRecord draft = ItemRecord.created(id, type, seed.path(), ContentStatus.DRAFT, now);
            items.insert(draft);
            ItemContent content = seed.content();
            items.insertRevision(
                    new Revision(id, 1, content, SEED_AUTHOR, "starter content", now),
                    content.readerText());
            items.seedLive(id, now);
        }
    }

    /** The seeds, as written in the resource: each item exactly as an author would send it. */
    static List<ItemRequest> seeds() {
        try (InputStream in = StarterContent.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            return JSON.readValue(in, new TypeReference<List<ItemRequest>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
