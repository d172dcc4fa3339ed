package uk.gov.hertfordshire.gateway.caching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

    public CatalogueEntries(CatalogueCacheProperties properties) {
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
    }

    /** The kept answer for this key, or {@code null} if there is none or the cache is not live. */
    Entry answer(String key, long now) {
        if (!live(now)) {
            return null;
        }
        Entry entry = entries.getIfPresent(key);
        return entry != null && entry.expiresAt() - now > 0 ? entry : null;
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
