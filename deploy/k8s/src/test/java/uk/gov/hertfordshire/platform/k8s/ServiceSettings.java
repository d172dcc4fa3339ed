package uk.gov.hertfordshire.platform.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import uk.gov.hertfordshire.platform.support.ServiceDefaults;

/**
 * What a service really serves, read from its own module rather than from the topology: the ports
 * in its {@code application.yml}, and whether its actuator has the liveness and readiness health
 * groups (its {@code application.yml} enables them, or it builds on service-support, whose defaults
 * do).
 *
 * @param port {@code server.port}
 * @param managementPort {@code management.server.port}, or 0 where the actuator shares the port
 * @param actuatorBasePath {@code management.endpoints.web.base-path} ({@code /actuator} unless set)
 * @param probeGroups whether {@code /health/liveness} and {@code /health/readiness} exist
 * @param datasourceUser {@code spring.datasource.username}, or null without a database
 * @param flywayUser {@code spring.flyway.user} where migrations run as another role, or null
 */
record ServiceSettings(
        int port,
        int managementPort,
        String actuatorBasePath,
        boolean probeGroups,
        String datasourceUser,
        String flywayUser) {

    static ServiceSettings read(Path root, String module) {
        try {
            Path yml = root.resolve(module).resolve("src/main/resources/application.yml");
            Map<String, Object> settings = Kustomize.parse(Files.readString(yml)).get(0);
            boolean sharedDefaults =
                    Files.readString(root.resolve(module).resolve("pom.xml"))
                            .contains("<artifactId>service-support</artifactId>");
            Object own = Json.at(settings, "/management/endpoint/health/probes/enabled");
            boolean probes =
                    Boolean.TRUE.equals(own)
                            || (own == null && sharedDefaults && defaultsEnableProbes());
            Object base = Json.at(settings, "/management/endpoints/web/base-path");
            Object management = Json.at(settings, "/management/server/port");
            return new ServiceSettings(
                    (Integer) Json.at(settings, "/server/port"),
                    management == null ? 0 : (Integer) management,
                    base == null ? "/actuator" : (String) base,
                    probes,
                    (String) Json.at(settings, "/spring/datasource/username"),
                    (String) Json.at(settings, "/spring/flyway/user"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean defaultsEnableProbes() {
        StandardEnvironment environment = new StandardEnvironment();
        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(
                "management.endpoint.health.probes.enabled", Boolean.class, false);
    }

    /** The port the actuator answers on. */
    int actuatorPort() {
        return managementPort == 0 ? port : managementPort;
    }
}
