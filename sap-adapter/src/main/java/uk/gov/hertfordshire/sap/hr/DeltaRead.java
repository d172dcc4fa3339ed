package uk.gov.hertfordshire.sap.hr;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.events.DomainEvent;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Reads one SAP HR entity changed since the last read and publishes each record as an event. A read
 * runs in one transaction that holds the entity's advisory lock, so one instance reads at a time,
 * and the events commit with the new high-water mark: a crash publishes nothing and the next read
 * starts from the same mark. The read starts a safety overlap ({@code platform.sap.hr.overlap}, 5
 * minutes) before the mark, because SAP may commit a change late, stamped at or before a mark
 * already read past; such a change is read and published then. A change already published (the same
 * id with the same change time, remembered in {@code hr_delta_published}) is passed over, so the
 * overlap publishes nothing twice (except on the first read after that table was added, which
 * re-publishes the overlap's changes once; consumers keep the latest state, so that is harmless). A
 * record the event's contract refuses is counted and logged, not published, and does not stop the
 * read; it is remembered too, so the overlap does not count it again. What is remembered of each
 * record (its change time and its content's hash) is kept for good: a change SAP makes visible
 * later than the overlap is never read here again, and the nightly {@link FullSweep} finds it by
 * comparing every record with it.
 *
 * @param <T> the record SAP HR returns
 */
final class DeltaRead<T> {

    private static final Logger log = LoggerFactory.getLogger(DeltaRead.class);

    /**
     * How to read and publish one entity.
     *
     * @param name SAP HR's entity name, the key of its mark
     * @param lockKey the advisory lock key of this entity's read
     * @param metric the name in the counters {@code sap_hr_<metric>_published_total} and {@code
     *     sap_hr_<metric>_skipped_total}
     * @param noun what a record is, for the counters' descriptions
     * @param event the record's event, effective at the time given (its change time, or a later one
     *     the full sweep gives a change SAP stamped before what was last published)
     * @param content the record's content as its event carries it, but the change time, in a fixed
     *     text form: what the full sweep compares (by its hash) with what was published
     */
    record Entity<T>(
            String name,
            long lockKey,
            String metric,
            String noun,
            Reader<T> reader,
            Function<T, String> id,
            Function<T, Instant> changedAt,
            BiFunction<T, Instant, DomainEvent> event,
            Function<T, String> content) {

        /** What publishing the record now would leave remembered of it. */
        HrDelta.Published published(T record) {
            return HrDelta.Published.of(changedAt.apply(record), content.apply(record));
        }

        /** Changes published, by the delta and the sweep alike (one counter in the registry). */
        Counter publishedCounter(MeterRegistry meters) {
            return Counter.builder("sap_hr_" + metric + "_published_total")
                    .description(noun + " changes read from SAP HR and published")
                    .register(meters);
        }

        /** Records SAP holds that the platform cannot use, by the delta and the sweep alike. */
        Counter skippedCounter(MeterRegistry meters) {
            return Counter.builder("sap_hr_" + metric + "_skipped_total")
                    .description(noun + " records SAP HR holds that the platform cannot use")
                    .register(meters);
        }
    }

    /**
     * SAP HR's delta read of an entity: every record changed at or after {@code since}, by page.
     */
    @FunctionalInterface
    interface Reader<T> {
        void changedSince(Instant since, Consumer<List<T>> page);
    }

    private final Entity<T> entity;
    private final Outbox outbox;
    private final TransactionOperations transactions;
    private final HrDelta delta;
    private final Counter published;
    private final Counter skipped;
    private final Duration overlap;

    DeltaRead(
            Entity<T> entity,
            Outbox outbox,
            TransactionOperations transactions,
            HrDelta delta,
            Duration overlap,
            MeterRegistry meters) {
        this.entity = entity;
        this.overlap = overlap;
        this.outbox = outbox;
        this.transactions = transactions;
        this.delta = delta;
        this.published = entity.publishedCounter(meters);
        this.skipped = entity.skippedCounter(meters);
    }

    /**
     * Reads and publishes every change since the last read.
     *
     * @return how many changes were published, or -1 if another instance holds the lock
     */
    int sync() {
        Integer result =
                transactions.execute(
                        status -> {
                            if (!delta.tryLock(entity.lockKey())) {
                                return -1;
                            }
                            HrDelta.Mark mark = delta.mark(entity.name()).orElse(null);
                            Instant since = mark == null ? null : mark.changedAt().minus(overlap);
                            Map<String, Instant> done =
                                    since == null
                                            ? Map.of()
                                            : delta.publishedSince(entity.name(), since);
                            Map<String, HrDelta.Published> handled = new HashMap<>();
                            int[] count = {0};
                            HrDelta.Mark[] last = {mark};
                            entity.reader()
                                    .changedSince(
                                            since,
                                            page -> count[0] += publish(page, done, handled, last));
                            if (last[0] != null && last[0] != mark) {
                                delta.save(entity.name(), last[0]);
                            }
                            delta.remember(entity.name(), handled);
                            return count[0];
                        });
        return Optional.ofNullable(result).orElse(0);
    }

    private int publish(
            List<T> page,
            Map<String, Instant> done,
            Map<String, HrDelta.Published> handled,
            HrDelta.Mark[] last) {
        int count = 0;
        for (T record : page) {
            String id = entity.id().apply(record);
            Instant changedAt = entity.changedAt().apply(record);
            HrDelta.Published earlier = handled.get(id);
            if (changedAt.equals(done.get(id))
                    || (earlier != null && changedAt.equals(earlier.changedAt()))) {
                continue; // published by an earlier read (or earlier in this one)
            }
            handled.put(id, entity.published(record));
            if (last[0] == null || last[0].before(changedAt, id)) {
                last[0] = new HrDelta.Mark(changedAt, id);
            }
            try {
                outbox.append(entity.event().apply(record, changedAt));
                count++;
            } catch (IllegalArgumentException | NullPointerException unusable) {
                skipped.increment();
                log.warn(
                        "{} {} in SAP HR cannot be published: {}",
                        entity.name(),
                        id,
                        unusable.getMessage());
            }
        }
        published.increment(count);
        return count;
    }
}
