package uk.gov.hertfordshire.care;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import uk.gov.hertfordshire.platform.testsupport.PlatformInfrastructureInitializer;

/**
 * The shared test infrastructure, then care-service's two roles: the test database's owner (the
 * infrastructure's superuser) migrates, and the service connects as {@link #RUNTIME_ROLE}, an
 * ordinary login role with only what the migrations grant it, exactly as deployed.
 */
public class CareInfrastructure
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String RUNTIME_ROLE = "care_service_test_app";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        new PlatformInfrastructureInitializer().initialize(context);
        ConfigurableEnvironment environment = context.getEnvironment();
        String url = environment.getRequiredProperty("spring.datasource.url");
        String owner = environment.getRequiredProperty("spring.datasource.username");
        String ownerPassword = environment.getRequiredProperty("spring.datasource.password");
        createRuntimeRole(url, owner, ownerPassword);
        Path keys;
        try {
            keys = Files.createTempDirectory("care-keys").resolve("keys.properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment
                .getPropertySources()
                .addFirst(
                        new MapPropertySource(
                                "careRoles",
                                Map.of(
                                        "spring.datasource.username", RUNTIME_ROLE,
                                        "spring.datasource.password", RUNTIME_ROLE,
                                        "spring.flyway.user", owner,
                                        "spring.flyway.password", ownerPassword,
                                        "spring.flyway.placeholders.runtime_role", RUNTIME_ROLE,
                                        "platform.care.keys.file", keys.toString(),
                                        "platform.care.keys.create-if-missing", "true")));
    }

    /** Connection details as the owner, for tests that check what the runtime role cannot do. */
    static void createRuntimeRole(String url, String owner, String password) {
        try (Connection connection = DriverManager.getConnection(url, owner, password);
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "DO $$ BEGIN CREATE ROLE "
                            + RUNTIME_ROLE
                            + " LOGIN PASSWORD '"
                            + RUNTIME_ROLE
                            + "'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the care runtime role", e);
        }
    }
}
