package uk.gov.hertfordshire.platform.support.migration;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Runs the library's migrations through the service's Flyway start-up. */
@AutoConfiguration(
        before = FlywayAutoConfiguration.class,
        after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
public class SupportSchemaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    FlywayMigrationStrategy supportSchemaMigration(DataSource dataSource) {
        return new SupportSchemaMigration(dataSource);
    }
}
