package uk.gov.hertfordshire.cases.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure;
import uk.gov.hertfordshire.platform.testsupport.TestInfrastructure.Database;

/**
 * Two instances of the catalogue on one real PostgreSQL database, as two replicas of case-service
 * would be: each reads the catalogue once and then runs no statement for it until a change is
 * committed, by anyone, after which each reads the change within a second (ADR 23).
 */
class CatalogueChangesTest {

    static final String CODE = "pothole";
    static Database database;
    static Database quietDatabase;

    Instance first;
    Instance second;

    @BeforeAll
    static void migrate() {
        database = TestInfrastructure.shared().newDatabase("catalogue_changes");
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .load()
                .migrate();
        // A database where no catalogue changes: an instance listening here hears nothing.
        quietDatabase = TestInfrastructure.shared().newDatabase("catalogue_quiet");
    }

    @AfterEach
    void stop() {
        for (Instance instance : new Instance[] {first, second}) {
            if (instance != null) {
                instance.changes().stop();
            }
        }
    }

    @Test
    void aReadWhenNothingHasChangedRunsNoStatement() {
        first = Instance.listeningTo(database);
        first.awaitListening();
        first.catalogue().versions();
        first.statements().set(0);

        for (int i = 0; i < 100; i++) {
            assertThat(first.catalogue().find(CODE)).isPresent();
            assertThat(first.catalogue().availableThroughOpen311()).isNotEmpty();
            first.catalogue().attributesOf(CODE);
            first.catalogue().checkAnswers(CODE, Map.of(), false);
            first.catalogue().versions();
        }

        assertThat(first.statements()).as("connections taken for 500 reads").hasValue(0);
    }

    @Test
    void aChangeCommittedElsewhereIsReadByEveryInstanceWithinASecond() {
        first = Instance.listeningTo(database);
        second = Instance.listeningTo(database);
        first.awaitListening();
        second.awaitListening();
        String before = nameIn(first);
        assertThat(nameIn(second)).isEqualTo(before);

        rename("Report a pothole (changed " + System.nanoTime() + ")");
        String after = currentName();

        await("both instances read the new name")
                .atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(
                        () -> {
                            assertThat(nameIn(first)).isEqualTo(after);
                            assertThat(nameIn(second)).isEqualTo(after);
                        });
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void aChangeRolledBackSendsNoNoticeAndCostsNoRead() throws SQLException {
        first = Instance.listeningTo(database);
        first.awaitListening();
        String before = nameIn(first);
        first.statements().set(0);

        try (Connection connection = plain(database).getConnection()) {
            connection.setAutoCommit(false);
            connection
                    .createStatement()
                    .executeUpdate(
                            "UPDATE catalogue_service SET name = 'never' WHERE code = 'pothole'");
            connection.rollback();
        }

        assertThat(nameIn(first)).isEqualTo(before);
        assertThat(first.statements()).hasValue(0);
    }

    @Test
    void whileNotListeningEveryReadGoesToTheDatabase() {
        first = Instance.listeningTo(database);
        first.awaitListening();
        first.changes().stop();
        assertThat(first.changes().generation()).isEqualTo(CatalogueChanges.UNKNOWN);
        first.statements().set(0);

        first.catalogue().find(CODE);
        first.catalogue().find(CODE);
        rename("Report a pothole (unheard " + System.nanoTime() + ")");

        assertThat(first.statements()).as("two reads, each from the database").hasValue(4);
        assertThat(nameIn(first)).as("a change is read at once").isEqualTo(currentName());
    }

    @Test
    void theInstanceThatMakesAChangeReadsItAtOnceWithoutWaitingForTheNotice() {
        // Listening to a database where nothing changes: no notice will ever reach it.
        first = new Instance(database, quietDatabase);
        first.awaitListening();
        String before = nameIn(first);

        rename("Report a pothole (not announced " + System.nanoTime() + ")");
        assertThat(nameIn(first)).as("unannounced, the held copy stands").isEqualTo(before);

        String changed = "Report a pothole (made here " + System.nanoTime() + ")";
        new TransactionTemplate(new DataSourceTransactionManager(first.reads()))
                .executeWithoutResult(
                        status -> {
                            JdbcClient.create(first.reads())
                                    .sql(
                                            "UPDATE catalogue_service SET name = :name WHERE code = :code")
                                    .param("name", changed)
                                    .param("code", CODE)
                                    .update();
                            first.changes().changedByThisInstance();
                        });

        assertThat(nameIn(first)).isEqualTo(changed);
    }

    private static String nameIn(Instance instance) {
        return instance.catalogue().find(CODE).orElseThrow().name();
    }

    private static void rename(String name) {
        JdbcClient.create(plain(database))
                .sql("UPDATE catalogue_service SET name = :name WHERE code = :code")
                .param("name", name)
                .param("code", CODE)
                .update();
    }

    private static String currentName() {
        return JdbcClient.create(plain(database))
                .sql("SELECT name FROM catalogue_service WHERE code = :code")
                .param("code", CODE)
                .query(String.class)
                .single();
    }

    private static DataSource plain(Database db) {
        return new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    }

    /** One replica's catalogue: reads through a counted data source, listening on another. */
    record Instance(
            Catalogue catalogue,
            CatalogueChanges changes,
            DataSource reads,
            AtomicInteger statements) {

        Instance(Database readFrom, Database listenTo) {
            this(new AtomicInteger(), readFrom, listenTo);
        }

        private Instance(AtomicInteger statements, Database readFrom, Database listenTo) {
            this(counted(plain(readFrom), statements), plain(listenTo), statements);
        }

        private Instance(DataSource reads, DataSource listen, AtomicInteger statements) {
            this(new CatalogueChanges(listen), reads, statements);
        }

        private Instance(CatalogueChanges changes, DataSource reads, AtomicInteger statements) {
            this(new Catalogue(JdbcClient.create(reads), changes), changes, reads, statements);
            changes.start();
        }

        static Instance listeningTo(Database db) {
            return new Instance(db, db);
        }

        void awaitListening() {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> changes.generation() != CatalogueChanges.UNKNOWN);
        }

        private static DataSource counted(DataSource target, AtomicInteger count) {
            return new DelegatingDataSource(target) {
                @Override
                public Connection getConnection() throws SQLException {
                    count.incrementAndGet();
                    return super.getConnection();
                }
            };
        }
    }
}
