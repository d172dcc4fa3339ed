package uk.gov.hertfordshire.gateway.caching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * The catalogue answers the gateway keeps (ADR 42), and the rules on when one may be answered or
 * kept, which together bound how stale an answer can be.
 *
 * <ul>
 *   <li>Nothing is answered unless the change follower has, within {@code maxSilence}, seen the end
 *       of {@code cases.events} as it was at some moment and applied every event before it (it
 *       reports that moment through {@link #caughtUpAsOf}). A follower that is behind, stopped or
 *       cut off from Kafka therefore stops the cache within {@code maxSilence}.
 *   <li>A change event drops every entry ({@link #drop}), and for {@code maxSilence} after it
 *       nothing is kept, so an answer a service replica gave from its not yet updated memory (ADR
 *       23: the other replicas within a second) is not kept either; nor is an answer to a request
 *       that was sent before the drop.
 *   <li>Every entry ends after the time to live whatever happens.
 * </ul>
 *
 * <p>Meters, for the operations team: {@code gateway.catalogue.cache.live} (1 while the cache may
 * answer, 0 while its follower is behind or cut off and every read goes to case-service), {@code
 * gateway.catalogue.cache.reads} by {@code result} ({@code kept}: answered from memory; {@code
 * fetched}: sent to the service), {@code gateway.catalogue.cache.drops} and {@code
 * gateway.catalogue.cache.entries}.
 */
@Component
@EnableConfigurationProperties(CatalogueCacheProperties.class)
public class CatalogueEntries {

    private final Duration timeToLive;
    private final long maxSilenceNanos;
    private final Cache<String, Entry> entries;
    private final AtomicLong generation = new AtomicLong();
    private volatile long lastDrop;
    private volatile long caughtUpAt;
    private final Counter kept;
    private final Counter fetched;
    private final Counter drops;

    public CatalogueEntries(CatalogueCacheProperties properties, MeterRegistry meters) {
        this.timeToLive = properties.timeToLive();
        this.maxSilenceNanos = properties.maxSilence().toNanos();
        this.entries =
                Caffeine.newBuilder()
                        .maximumWeight(properties.size().toBytes())
                        .<String, Entry>weigher((key, entry) -> entry.body().length + key.length())
                        .expireAfterWrite(timeToLive)
                        .build();
        long now = System.nanoTime();
        this.caughtUpAt = now - maxSilenceNanos - 1;
        this.lastDrop = now - maxSilenceNanos - 1;
        this.kept = reads(meters, "kept");
        this.fetched = reads(meters, "fetched");
        this.drops =
                Counter.builder("gateway.catalogue.cache.drops")
                        .description(
                                "Times the kept catalogue answers were dropped: a"
                                        + " service-definition-changed event, an unreadable"
                                        + " record, or the follower starting again from the end")
                        .baseUnit("drops")
                        .register(meters);
        Gauge.builder("gateway.catalogue.cache.live", this, e -> e.live() ? 1 : 0)
                .description(
                        "1 while the catalogue cache may answer (its follower of cases.events caught"
                                + " up within max-silence), 0 while every read goes to case-service")
                .register(meters);
        Gauge.builder("gateway.catalogue.cache.entries", this, CatalogueEntries::size)
                .description("Catalogue answers the gateway keeps now")
                .baseUnit("entries")
                .register(meters);
    }

    private static Counter reads(MeterRegistry meters, String result) {
        return Counter.builder("gateway.catalogue.cache.reads")
                .description(
                        "Catalogue reads the cache was asked for, by result: kept (answered from"
                                + " the gateway's memory) or fetched (sent to case-service)")
                .baseUnit("reads")
                .tag("result", result)
                .register(meters);
    }

    /** The kept answer for this key, or {@code null} if there is none or the cache is not live. */
    Entry answer(String key, long now) {
        Entry entry = live(now) ? entries.getIfPresent(key) : null;
        if (entry != null && entry.expiresAt() - now > 0) {
            kept.increment();
            return entry;
        }
        fetched.increment();
        return null;
    }

    /** What a miss must hand back to {@link #keep}: the drops seen before its request went out. */
    long generation() {
        return generation.get();
    }

    /**
     * Keeps an answer to a request sent at generation {@code sentAt}, unless the catalogue changed
     * since, or changed less than {@code maxSilence} ago, or the cache is not live.
     */
    void keep(String key, HttpHeaders headers, byte[] body, Duration allowed, long sentAt) {
        long now = System.nanoTime();
        if (!live(now) || now - lastDrop <= maxSilenceNanos || generation.get() != sentAt) {
            return;
        }
        Duration lifetime = allowed.compareTo(timeToLive) < 0 ? allowed : timeToLive;
        entries.put(key, new Entry(headers, body, now + lifetime.toNanos()));
        if (generation.get() != sentAt) {
            // A drop ran while this was being put: it may have cleared before the put.
            entries.invalidate(key);
        }
    }

    /** The catalogue changed: nothing kept before now is answered again. */
    public void drop() {
        drops.increment();
        generation.incrementAndGet();
        lastDrop = System.nanoTime();
        entries.invalidateAll();
    }

    /**
     * The follower has applied every event that was on the topic at {@code nanoTime} (a {@link
     * System#nanoTime} reading taken before it asked the broker for the end offsets).
     */
    public void caughtUpAsOf(long nanoTime) {
        if (nanoTime - caughtUpAt > 0) {
            caughtUpAt = nanoTime;
        }
    }

    /** Whether the follower caught up recently enough for the cache to answer. */
    public boolean live() {
        return live(System.nanoTime());
    }

    private boolean live(long now) {
        return now - caughtUpAt <= maxSilenceNanos;
    }

    /** How many answers are kept now (for tests and the gauge). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    /** A kept answer: the service's headers (none of the caller's own), its body, its end. */
    record Entry(HttpHeaders headers, byte[] body, long expiresAt) {}
}
