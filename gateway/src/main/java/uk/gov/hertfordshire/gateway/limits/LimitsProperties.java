package uk.gov.hertfordshire.gateway.limits;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code platform.limits}: request rates and body sizes.
 *
 * @param authenticated the rate for each authenticated caller (issuer + subject)
 * @param anonymous the rate for each client address without a token
 * @param clients rates for particular OAuth clients ({@code azp})
 * @param addresses rates for particular client addresses, whoever calls from them, e.g. the machine
 *     a load test runs on
 * @param paths rates of their own for particular paths, per client address and on top of the
 *     caller's rate: the anonymous writes (content feedback, listing reports), which a script could
 *     otherwise send at the anonymous read rate
 * @param maxBodySize the largest request body, by default
 * @param largeBodyPaths Spring path patterns allowed {@code maxLargeBodySize}: the photo uploads,
 *     with one {@code *} segment standing for the case id
 * @param trustedProxies addresses whose {@code X-Forwarded-For} is believed; nobody else's is
 * @param redisUri a Redis that several gateway replicas share their limits in, e.g. {@code
 *     redis://10.0.0.7:6379}; empty for limits kept in this gateway's memory
 * @param redisTimeout how long Redis has to answer before a decision is taken by this replica's own
 *     bucket (ADR 5)
 */
@ConfigurationProperties("platform.limits")
record LimitsProperties(
        @DefaultValue Rate authenticated,
        @DefaultValue({"60", "20", "1s"}) Rate anonymous,
        Map<String, Rate> clients,
        Map<String, Rate> addresses,
        Map<String, PathRate> paths,
        @DefaultValue("1MB") DataSize maxBodySize,
        List<String> largeBodyPaths,
        @DefaultValue("10MB") DataSize maxLargeBodySize,
        List<String> trustedProxies,
        @DefaultValue("") String redisUri,
        @DefaultValue("250ms") Duration redisTimeout) {

    LimitsProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        addresses = addresses == null ? Map.of() : Map.copyOf(addresses);
        paths = paths == null ? Map.of() : Map.copyOf(paths);
        largeBodyPaths = largeBodyPaths == null ? List.of() : List.copyOf(largeBodyPaths);
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /**
     * A token bucket: up to {@code burst} requests at once, {@code refill} more every {@code
     * refillPeriod}.
     */
    record Rate(
            @DefaultValue("200") long burst,
            @DefaultValue("100") long refill,
            @DefaultValue("1s") Duration refillPeriod) {}

    /**
     * A rate of its own for requests to some paths.
     *
     * @param patterns Spring path patterns, {@code *} standing for one segment (a channel, an id)
     * @param rate the bucket each client address gets for them
     */
    record PathRate(List<String> patterns, @DefaultValue Rate rate) {

        PathRate {
            patterns = patterns == null ? List.of() : List.copyOf(patterns);
        }
    }
}
