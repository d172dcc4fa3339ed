package uk.gov.hertfordshire.gateway.limits;

import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.gov.hertfordshire.gateway.errors.GatewayErrors;

/**
 * Refuses a body larger than the route allows with 413: at once when {@code Content-Length} says
 * so, and while streaming when a chunked body gives no length and keeps coming.
 */
final class BodySizeLimitFilter implements GlobalFilter, Ordered {

    private final LimitsProperties limits;
    private final List<PathPattern> largeBodyPatterns;

    BodySizeLimitFilter(LimitsProperties limits) {
        this.limits = limits;
        this.largeBodyPatterns =
                limits.largeBodyPaths().stream()
                        .map(PathPatternParser.defaultInstance::parse)
                        .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long max = maxFor(request.getPath().value());
        long declared = request.getHeaders().getContentLength();
        if (declared > max) {
            return tooLarge(exchange, max);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted =
                new ServerHttpRequestDecorator(request) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        long[] seen = {0};
                        return super.getBody()
                                .handle(
                                        (buffer, sink) -> {
                                            seen[0] += buffer.readableByteCount();
                                            if (seen[0] > max) {
                                                DataBufferUtils.release(buffer);
                                                sink.error(new BodyTooLarge());
                                            } else {
                                                sink.next(buffer);
                                            }
                                        });
                    }
                };
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(BodyTooLarge.class, e -> tooLarge(exchange, max));
    }

    private long maxFor(String path) {
        PathContainer requested = PathContainer.parsePath(path);
        for (PathPattern pattern : largeBodyPatterns) {
            if (pattern.matches(requested)) {
                return limits.maxLargeBodySize().toBytes();
            }
        }
        return limits.maxBodySize().toBytes();
    }

    private static Mono<Void> tooLarge(ServerWebExchange exchange, long max) {
        exchange.getResponse().getHeaders().setConnection("close");
        return GatewayErrors.write(
                exchange,
                HttpStatus.CONTENT_TOO_LARGE,
                "Request too large",
                "The request body is larger than the " + max + " bytes this address accepts.");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 110;
    }

    /** Thrown into the body stream when a chunked body passes the limit. */
    static final class BodyTooLarge extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BodyTooLarge() {
            super("request body too large", null, false, false);
        }
    }
}
