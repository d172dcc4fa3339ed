package uk.gov.hertfordshire.platform.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.StandardEnvironment;
import uk.gov.hertfordshire.platform.support.ServiceDefaults;

/**
 * The settings a service cannot run with its own defaults away from this machine, worked out from
 * its module rather than listed: every property whose value in its {@code application.yml} (or in
 * service-support's {@link ServiceDefaults}) names the loopback address, every one only its {@code
 * local} profile ({@code application-local.yml}, which {@code ./platform} runs) gives a loopback
 * address, and every password, secret or key it is given a value for. A deployment must set each
 * one, the secrets from a Secret.
 *
 * <p>A list ({@code platform.security.issuers[0].issuer}) counts as one setting, its name without
 * the index: Spring Boot takes a list whole from the source of highest precedence that has it.
 */
final class RequiredSettings {

    private static final Pattern LOOPBACK =
            Pattern.compile(".*\\b(127\\.0\\.0\\.1|localhost)\\b.*");

    private static final Pattern SECRET = Pattern.compile(".*(password|secret|api-key|token)$");

    private RequiredSettings() {}

    /** The settings by name (a list's without its index), each with the local value it replaces. */
    static Map<String, String> of(Path root, String module) {
        Path resources = root.resolve(module).resolve("src/main/resources");
        Map<String, String> defaults = new TreeMap<>();
        try {
            if (Files.readString(root.resolve(module).resolve("pom.xml"))
                    .contains("<artifactId>service-support</artifactId>")) {
                defaults.putAll(serviceDefaults());
            }
            for (Map<String, Object> document :
                    Kustomize.parse(Files.readString(resources.resolve("application.yml")))) {
                // Only what applies without a profile (not the gateway's "production" document).
                if (Json.at(document, "/spring/config/activate") == null) {
                    flatten("", document, defaults);
                }
            }
            Map<String, String> local = new TreeMap<>();
            Path localYml = resources.resolve("application-local.yml");
            if (Files.exists(localYml)) {
                for (Map<String, Object> document : Kustomize.parse(Files.readString(localYml))) {
                    flatten("", document, local);
                }
            }
            Map<String, String> required = new TreeMap<>();
            defaults.forEach(
                    (key, value) -> {
                        if (LOOPBACK.matcher(value).matches() || isSecret(key)) {
                            required.putIfAbsent(setting(key), value);
                        }
                    });
            List<String> givenByDefault = defaults.keySet().stream().map(k -> setting(k)).toList();
            local.forEach(
                    (key, value) -> {
                        if ((LOOPBACK.matcher(value).matches() || isSecret(key))
                                && !givenByDefault.contains(setting(key))) {
                            required.putIfAbsent(setting(key), value);
                        }
                    });
            return required;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a setting is a secret, to be taken from a Secret. */
    static boolean isSecret(String key) {
        return SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    /** A property's setting: its name up to a list index. */
    static String setting(String key) {
        int index = key.indexOf('[');
        return index < 0 ? key : key.substring(0, index);
    }

    /**
     * A property's name in the environment-variable form Spring Boot's relaxed binding matches
     * ({@code platform.cases.payments.govuk-pay.api-key}: {@code
     * PLATFORM_CASES_PAYMENTS_GOVUKPAY_APIKEY}; {@code a.b[0].c}: {@code A_B_0_C}), so an
     * environment variable and a ConfigMap's YAML key can be compared.
     */
    static String canonical(String key) {
        return key.replace("-", "")
                .replace("[", ".")
                .replace("]", "")
                .replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }

    /**
     * Nested maps and lists as dotted names ({@code a.b[0].c}); an empty list or map is a value.
     */
    static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach(
                    (k, v) ->
                            flatten(
                                    prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k,
                                    v,
                                    into));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else {
            into.put(prefix, String.valueOf(value));
        }
    }

    private static Map<String, String> serviceDefaults() {
        StandardEnvironment environment = new StandardEnvironment();
        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());
        Map<String, String> defaults = new TreeMap<>();
        if (environment.getPropertySources().get("defaultProperties")
                instanceof EnumerablePropertySource<?> source) {
            for (String name : source.getPropertyNames()) {
                defaults.put(name, String.valueOf(source.getProperty(name)));
            }
        }
        return defaults;
    }
}
