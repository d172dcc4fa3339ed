package uk.gov.hertfordshire.platform.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    private static final String INITDB_CONF =
            """
            #listen_addresses = 'localhost'\t\t# what IP address(es) to listen on;
            max_connections = 100\t\t\t# (change requires restart)
            shared_buffers = 128MB\t\t\t# min 128kB
            #fsync = on\t\t\t\t# flush data to disk for crash safety
            """;

    @Test
    void rewritesActiveSettingsToTheStartupValues() {
        String aligned =
                ServerConfig.align(
                        INITDB_CONF, Map.of("max_connections", "200", "shared_buffers", "64MB"));

        assertThat(aligned)
                .contains("max_connections = '200'\t# set by LocalPostgres\n")
                .contains("shared_buffers = '64MB'\t# set by LocalPostgres\n")
                .doesNotContain("max_connections = 100");
    }

    @Test
    void leavesCommentedOutSettingsAlone() {
        String aligned =
                ServerConfig.align(
                        INITDB_CONF, Map.of("listen_addresses", "127.0.0.1", "fsync", "on"));

        assertThat(aligned).isEqualTo(INITDB_CONF);
    }

    @Test
    void isIdempotent() {
        Map<String, String> settings = ServerConfig.SETTINGS;
        String once = ServerConfig.align(INITDB_CONF, settings);

        assertThat(ServerConfig.align(once, settings)).isEqualTo(once);
    }
}
