package uk.gov.hertfordshire.platform.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server settings and the two configuration files LocalPostgres keeps in line with them. */
final class ServerConfig {

    /** Passed as -c options; they override Zonky's test-friendly defaults. */
    static final Map<String, String> SETTINGS =
            Map.of(
                    "listen_addresses", LocalPostgres.HOST,
                    // TCP only: no Unix socket in /tmp, whose lock file (/tmp/.s.PGSQL.<port>.lock)
                    // would keep a second platform on the same port from starting even in a
                    // network namespace of its own (./platform bench), and which would take any
                    // local user's connection.
                    "unix_socket_directories", "",
                    // Zonky passes -F (fsync off) for tests; this is a database people keep.
                    "fsync", "on",
                    "synchronous_commit", "on",
                    "full_page_writes", "on",
                    "max_connections", "200",
                    "shared_buffers", "64MB",
                    "timezone", "UTC");

    /** The superuser keeps trust on loopback (the embedded launcher logs in without a password). */
    static final String PG_HBA =
            """
            # Written by LocalPostgres (deploy/local) on every start; edits here are overwritten.
            # The server listens on 127.0.0.1 only. The superuser "postgres" needs no password from
            # this machine; every service role must present its password (local dev: its name).
            # TYPE  DATABASE  USER      ADDRESS        METHOD
            local   all       all                      trust
            host    all       postgres  127.0.0.1/32   trust
            host    all       all       127.0.0.1/32   scram-sha-256
            """;

    private static final Logger log = LoggerFactory.getLogger(ServerConfig.class);

    private ServerConfig() {}

    /**
     * Writes our pg_hba.conf unless it is already in place.
     *
     * @return true when the file changed and the server must reload its configuration
     */
    static boolean requirePasswordsForServiceRoles(Path pgData) throws IOException {
        Path hba = pgData.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba).equals(PG_HBA)) {
            return false;
        }
        replace(hba, PG_HBA);
        log.info("pg_hba.conf: service roles log in with a password");
        return true;
    }

    /**
     * Makes the settings that initdb wrote into postgresql.conf agree with the ones the server is
     * started with. Otherwise every configuration reload complains that, for example,
     * max_connections "cannot be changed without restarting the server".
     *
     * @return true when the file changed
     */
    static boolean alignPostgresqlConf(Path pgData) throws IOException {
        Path conf = pgData.resolve("postgresql.conf");
        if (!Files.exists(conf)) {
            return false; // before the first initdb
        }
        String original = Files.readString(conf);
        String aligned = align(original, SETTINGS);
        if (aligned.equals(original)) {
            return false;
        }
        replace(conf, aligned);
        return true;
    }

    /**
     * Rewrites each active {@code key = value} line whose key is in {@code settings} to carry the
     * given value. Keys that are absent or commented out stay as they are: the server takes them
     * from its command line.
     */
    static String align(String conf, Map<String, String> settings) {
        String result = conf;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            Pattern line =
                    Pattern.compile(
                            "^(" + Pattern.quote(setting.getKey()) + ")\\s*=\\s*[^\\n]*$",
                            Pattern.MULTILINE);
            String replacement =
                    setting.getKey() + " = '" + setting.getValue() + "'\t# set by LocalPostgres";
            result = line.matcher(result).replaceAll(Matcher.quoteReplacement(replacement));
        }
        return result;
    }

    private static void replace(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
