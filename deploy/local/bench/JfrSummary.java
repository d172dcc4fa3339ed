import java.nio.file.Path;
import java.util.*;
import jdk.jfr.consumer.*;

/**
 * Summarises a JFR recording's execution samples by component: each sample goes to the nearest
 * frame (from the leaf) that is not JDK or Reactor-core plumbing, named by the rules below.
 * Usage: {@code java deploy/local/bench/JfrSummary.java gateway.jfr [details]}; see
 * docs/benchmarks/gateway.md for how the gateway's recordings were taken.
 */
public class JfrSummary {
    static final String[][] RULES = {
        {"io.micrometer.tracing", "observation: tracing handler"}, {"io.opentelemetry", "observation: tracing handler"},
        {"io.micrometer.core.instrument.observation", "observation: metrics handler"},
        {"io.micrometer.observation", "observation: core"}, {"io.micrometer.common", "observation: core"},
        {"org.springframework.security.web.server.ObservationWebFilterChainDecorator", "security: observation decorator"},
        {"org.springframework.security.authentication.ObservationReactive", "security: observation decorator"},
        {"org.springframework.security.authorization.ObservationReactive", "security: observation decorator"},
        {"io.micrometer.core", "metrics (micrometer core)"},
        {"org.springframework.http.server.reactive.observation", "observation: http server"},
        {"org.springframework.web.filter.reactive.ServerHttpObservationFilter", "observation: http server"},
        {"org.springframework.cloud.gateway.filter.headers.observation", "observation: gateway client"},
        {"org.springframework.security.web.server.firewall", "security: firewall"},
        {"org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter", "security: bearer header"},
        {"com.nimbusds", "security: JWT parse (issuer)"},
        {"org.springframework.security.oauth2", "security: oauth2 other"},
        {"uk.gov.hertfordshire.platform.security", "security: platform decoder/cache"},
        {"uk.gov.hertfordshire.gateway.security.ManagementPort", "security: ManagementPort matcher"},
        {"org.springframework.boot.context.properties", "spring env lookups"}, {"org.springframework.core.env", "spring env lookups"},
        {"org.springframework.security.web.server.util.matcher", "security: matchers"},
        {"org.springframework.security.web.server.authorization", "security: authorization"},
        {"org.springframework.security.authorization", "security: authorization"},
        {"org.springframework.security.web.server.header", "security: headers writer"},
        {"org.springframework.web.cors", "cors"}, {"org.springframework.security.web.server.csrf", "security: other"},
        {"org.springframework.security", "security: other"},
        {"io.github.resilience4j", "resilience4j"}, {"org.springframework.cloud.circuitbreaker", "resilience4j"},
        {"org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory", "retry"}, {"reactor.util.retry", "retry"},
        {"org.springframework.cloud.gateway.filter.headers", "gateway: header filters"},
        {"org.springframework.cloud.gateway.handler", "gateway: routing/handler"},
        {"org.springframework.cloud.gateway.filter.GatewayMetricsFilter", "gateway: metrics filter"},
        {"org.springframework.cloud.gateway.filter.NettyRoutingFilter", "gateway: netty routing"},
        {"org.springframework.cloud.gateway.filter.NettyWriteResponseFilter", "gateway: write response"},
        {"org.springframework.cloud.gateway", "gateway: other"},
        {"uk.gov.hertfordshire.gateway.observability.AccessLogFilter", "access log"}, {"ch.qos.logback", "access log"}, {"tools.jackson", "access log"}, {"org.slf4j", "access log"},
        {"uk.gov.hertfordshire.gateway.observability.CorrelationIdFilter", "correlation id"},
        {"uk.gov.hertfordshire.gateway.limits.RateLimitFilter", "rate limit"}, {"uk.gov.hertfordshire.gateway.limits.LocalBuckets", "rate limit"},
        {"io.github.bucket4j", "rate limit"}, {"com.github.benmanes", "rate limit"},
        {"uk.gov.hertfordshire.gateway.limits", "body size / address"},
        {"uk.gov.hertfordshire", "gateway: our other code"},
        {"org.springframework.web.reactive.result", "spring: annotated handler mapping"},
        {"org.springframework.web.reactive", "spring: dispatcher"}, {"org.springframework.web.server", "spring: web server chain"},
        {"org.springframework.http.server", "spring: http adapter"}, {"org.springframework.http", "spring: http headers"},
        {"reactor.netty.http.client", "reactor-netty client"}, {"reactor.netty.resources", "reactor-netty pool"},
        {"reactor.netty.http.server", "reactor-netty server"}, {"reactor.netty", "reactor-netty other"},
        {"io.netty.handler.codec", "netty codec"}, {"io.netty", "netty io"}, {"sun.nio", "netty io"},
    };
    static final String[] GENERIC = {"java.", "jdk.", "sun.", "reactor.core", "reactor.util", "org.springframework.util", "org.springframework.core", "org.reactivestreams"};

    public static void main(String[] args) throws Exception {
        Map<String, Integer> cats = new HashMap<>();
        Map<String, Map<String, Integer>> leaves = new HashMap<>();
        int total = 0;
        try (RecordingFile f = new RecordingFile(Path.of(args[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) continue;
                total++;
                String cat = "generic only (java/reactor-core)";
                String at = "";
                outer:
                for (RecordedFrame fr : st.getFrames()) {
                    String t = fr.getMethod().getType().getName();
                    if (t.startsWith("sun.nio")) { cat = "netty io"; at = t; break; }
                    boolean generic = false;
                    for (String g : GENERIC) if (t.startsWith(g)) { generic = true; break; }
                    if (generic) continue;
                    for (String[] r : RULES) if (t.startsWith(r[0])) { cat = r[1]; at = t + "." + fr.getMethod().getName(); break outer; }
                    cat = "other: " + t.substring(0, Math.max(0, t.lastIndexOf('.'))); at = t + "." + fr.getMethod().getName(); break;
                }
                cats.merge(cat, 1, Integer::sum);
                leaves.computeIfAbsent(cat, k -> new HashMap<>()).merge(at, 1, Integer::sum);
            }
        }
        System.out.println("samples: " + total);
        final int tot = total;
        cats.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(en -> {
            System.out.printf("%6.1f%%  %5d  %s%n", 100.0 * en.getValue() / tot, en.getValue(), en.getKey());
            if (args.length > 1) leaves.get(en.getKey()).entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(l -> System.out.printf("              %5d  %s%n", l.getValue(), l.getKey()));
        });
    }
}
