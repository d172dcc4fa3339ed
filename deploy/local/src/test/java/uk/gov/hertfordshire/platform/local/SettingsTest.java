package uk.gov.hertfordshire.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void keepsEverythingUnderTheDataFolder() {
        LocalPostgres.Settings settings =
                LocalPostgres.Settings.parse(List.of("--data", "/srv/platform", "--port", "6543"));

        assertThat(settings.port()).isEqualTo(6543);
        assertThat(settings.pgData()).isEqualTo(Path.of("/srv/platform/postgres"));
        assertThat(settings.readyFile()).isEqualTo(Path.of("/srv/platform/run/postgres.ready"));
        assertThat(settings.binaries()).isEqualTo(Path.of("/srv/platform/postgres-bin"));
        assertThat(settings.check()).isFalse();
    }

    @Test
    void defaultsToPort5433() {
        assertThat(LocalPostgres.Settings.parse(List.of("--check")).port()).isEqualTo(5433);
    }

    @Test
    void rejectsUnknownArguments() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalPostgres.Settings.parse(List.of("--datadir", "x")))
                .withMessageContaining("usage");
    }

    @Test
    void acceptsOnlyPlainIdentifiersAsDatabaseNames() {
        assertThat(ServiceDatabases.NAMES)
                .allMatch(name -> ServiceDatabases.identifier(name) != null);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ServiceDatabases.identifier("x; DROP DATABASE y"));
    }
}
