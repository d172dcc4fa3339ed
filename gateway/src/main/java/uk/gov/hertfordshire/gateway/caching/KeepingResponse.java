package uk.gov.hertfordshire.gateway.caching;

import java.time.Duration;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The response of a cache miss, shared by the gateway's caches (ADR 37, 42): when its cache's rule
 * says how long the answer may be kept, the body is joined on its way out and handed to the cache
 * with the response's headers; otherwise it passes untouched. Streamed answers are never kept.
 */
final class KeepingResponse extends ServerHttpResponseDecorator {

    /** Where a keepable answer goes. */
    interface Keeper {
        void keep(HttpHeaders headers, byte[] body, Duration lifetime);
    }

    private final Function<ServerHttpResponse, Duration> keepableFor;
    private final Keeper keeper;

    /**
     * @param keepableFor how long the answer may be kept, or {@code null} if it may not
     * @param keeper what keeps it
     */
    KeepingResponse(
            ServerHttpResponse response,
            Function<ServerHttpResponse, Duration> keepableFor,
            Keeper keeper) {
        super(response);
        this.keepableFor = keepableFor;
        this.keeper = keeper;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        Duration lifetime = keepableFor.apply(this);
        if (lifetime == null) {
            return super.writeWith(body);
        }
        return DataBufferUtils.join(Flux.from(body))
                .flatMap(
                        joined -> {
                            byte[] bytes = new byte[joined.readableByteCount()];
                            joined.read(bytes);
                            DataBufferUtils.release(joined);
                            keeper.keep(getHeaders(), bytes, lifetime);
                            return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
                        });
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        // Streamed answers are never kept.
        return super.writeAndFlushWith(body);
    }
}
