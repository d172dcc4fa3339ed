package uk.gov.hertfordshire.platform.support.migration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the library's schema ({@code platform}, with its own history table) before the service's
 * own migrations, so both version sequences stay independent. Both run as Flyway's connection, so a
 * service that migrates as an owner role ({@code spring.flyway.user}) and runs as a narrower one
 * gets its library tables owned by the owner too.
 */
final class SupportSchemaMigration implements FlywayMigrationStrategy {

    static final String SCHEMA = "platform";
    static final String HISTORY_TABLE = "support_schema_history";
    static final String LOCATION = "classpath:db/platform-support";

    private final DataSource dataSource;

    SupportSchemaMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void migrate(Flyway serviceFlyway) {
        DataSource migrateAs = serviceFlyway.getConfiguration().getDataSource();
        Flyway.configure()
                .dataSource(migrateAs != null ? migrateAs : dataSource)
                .schemas(SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .load()
                .migrate();
        serviceFlyway.migrate();
    }
}
