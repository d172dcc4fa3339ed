package uk.gov.hertfordshire.gateway;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connections callers open take their buffers from Netty's pooled allocator, not Netty 4.2's
 * default adaptive one: side by side on one platform, a kept-page read cost the gateway less CPU
 * with it (ADR 49, docs/benchmarks/content.md run K). Nothing else changes: the same bytes, the
 * same limits, the same buffer released after each write.
 */
@Configuration(proxyBeanMethods = false)
class ServerBuffers {

    @Bean
    NettyServerCustomizer pooledServerBuffers() {
        return server ->
                server.childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
    }
}
