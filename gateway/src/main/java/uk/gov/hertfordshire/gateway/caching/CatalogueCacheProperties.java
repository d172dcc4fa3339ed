package uk.gov.hertfordshire.gateway.caching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code platform.catalogue-cache}: the catalogue reads the gateway keeps per caller class (ADR
 * 42).
 *
 * @param timeToLive the longest an entry is kept, whatever the service allows and whether or not a
 *     change event arrives: the bound when no event can (the outbox relay stopped)
 * @param size the memory the kept bodies may take
 * @param maxSilence how recently the change follower must have caught up with {@code cases.events}
 *     for the cache to answer at all; also how long after a change nothing is kept, while the
 *     service's other replicas catch up through PostgreSQL (ADR 23)
 * @param topic the topic whose {@code service-definition-changed} events drop every entry
 */
@ConfigurationProperties("platform.catalogue-cache")
public record CatalogueCacheProperties(
        @DefaultValue("5s") Duration timeToLive,
        @DefaultValue("4MB") DataSize size,
        @DefaultValue("1s") Duration maxSilence,
        @DefaultValue("cases.events") String topic) {}
