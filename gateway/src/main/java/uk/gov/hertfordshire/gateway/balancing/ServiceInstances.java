package uk.gov.hertfordshire.gateway.balancing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The instances of each service, read once at start-up from {@code platform.services.<service>}: a
 * base URI, or several separated by commas. A URI without scheme, host or port, or with a path,
 * stops the gateway from starting rather than sending a request somewhere unexpected.
 */
public final class ServiceInstances {

    private final Map<String, List<ServiceInstance>> byService;

    ServiceInstances(Map<String, List<ServiceInstance>> byService) {
        this.byService = Map.copyOf(byService);
    }

    static ServiceInstances from(Environment environment) {
        Map<String, String> listed =
                Binder.get(environment)
                        .bind("platform.services", Bindable.mapOf(String.class, String.class))
                        .orElse(Map.of());
        Map<String, List<ServiceInstance>> byService = new LinkedHashMap<>();
        listed.forEach((service, uris) -> byService.put(service, parse(service, uris)));
        return new ServiceInstances(byService);
    }

    static List<ServiceInstance> parse(String service, String listed) {
        List<ServiceInstance> instances =
                StringUtils.commaDelimitedListToSet(listed).stream()
                        .map(String::strip)
                        .filter(StringUtils::hasText)
                        .map(uri -> instance(service, uri))
                        .toList();
        if (instances.isEmpty()) {
            throw new IllegalStateException("platform.services." + service + " lists no URI");
        }
        return instances;
    }

    private static ServiceInstance instance(String service, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw notABaseUri(service, text);
        }
        boolean plain = "http".equals(uri.getScheme());
        boolean secure = "https".equals(uri.getScheme());
        String path = uri.getRawPath();
        if (!(plain || secure)
                || uri.getHost() == null
                || uri.getPort() < 0
                || !(path == null || path.isEmpty() || path.equals("/"))
                || uri.getRawQuery() != null) {
            throw notABaseUri(service, text);
        }
        return new DefaultServiceInstance(
                uri.getHost() + ":" + uri.getPort(), service, uri.getHost(), uri.getPort(), secure);
    }

    private static IllegalStateException notABaseUri(String service, String text) {
        return new IllegalStateException(
                "platform.services."
                        + service
                        + ": \""
                        + text
                        + "\" is not a base URI like http://host:port");
    }

    /** The listed instances of a service; empty for one that is not listed. */
    public List<ServiceInstance> of(String service) {
        return byService.getOrDefault(service, List.of());
    }

    /** Whether a service has more than one instance to choose between. */
    public boolean replicated(String service) {
        return of(service).size() > 1;
    }
}
