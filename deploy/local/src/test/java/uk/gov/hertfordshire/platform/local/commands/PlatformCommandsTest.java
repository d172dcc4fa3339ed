package uk.gov.hertfordshire.platform.local.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlatformCommandsTest {

    @Test
    void anUnknownCommandIsRefusedWithExitTwo() {
        try (FakeService idp = FakeIdentityProvider.start()) {
            Commands.Result unknown = Commands.with(idp).run("tokens", "officer-dan");

            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).startsWith("usage: PlatformCommands token|api-key|");
            assertThat(Commands.with(idp).run("token", "officer-dan").exit()).isZero();
            assertThat(idp.calls()).hasSize(1);
        }
    }
}
