package uk.gov.hertfordshire.sap.hr;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;
import uk.gov.hertfordshire.sap.connection.SapUnavailableException;

/**
 * Reads every record of one SAP HR entity and publishes each whose content differs from what was
 * last published of it ({@code hr_delta_published}: the hash of the content its event carried), as
 * the delta does, through the outbox. This is what catches a change SuccessFactors made visible
 * later than the delta's overlap (a long transaction, a back-dated import): stamped before the mark
 * less the overlap, no delta read asks for it again (ADR 44). A change SAP stamped before what was
 * last published of the record (a back-dated import) is published effective at that later time,
 * which consumers (keeping the event with the latest time, an equal one included) take. A record
 * the version before the sweep published, without a hash, at the change time it still has, is not
 * published: its hash is recorded.
 *
 * <p>The sweep leaves to the delta every record changed at or after the mark less the overlap: the
 * next delta read reads those and passes over what it has published, so the two never publish the
 * same change. For that the mark must not move during the sweep: the sweep holds the entity's
 * advisory lock (the delta's) for its whole transaction, waiting for a running delta read to end,
 * and a delta read that finds the lock taken skips its turn. The events, what is remembered of each
 * record and the row recording the sweep ({@code hr_sweep}) commit together: a crash, SAP not
 * answering (on any page) or any other failure publishes and records nothing, and a later firing
 * (the night's retry) sweeps again.
 *
 * <p>Once across replicas (ADR 33): a sweep first tries the HR sweep lock, so a second instance
 * whose schedule fires during the sweep skips at once; then asks whether its occasion is still due
 * from the start of the last recorded sweep, so an instance whose schedule fires after the other's
 * sweep has finished does not sweep again. A sweep run twice would publish nothing the second time,
 * but would read SAP HR whole again for nothing.
 *
 * @param <T> the record SAP HR returns
 */
final class FullSweep<T> {

    private static final Logger log = LoggerFactory.getLogger(FullSweep.class);
    // "SAPHRSWP" as a number: one HR sweep at a time, across replicas and entities.
    private static final long SWEEP_LOCK_KEY = 0x5341504852535750L;

    /** Whether the sweep ran, and if not why. */
    enum Status {
        /** Swept: every record read, the changed ones published. */
        SWEPT,
        /** Another instance is sweeping. */
        BUSY,
        /** The occasion has been swept already (by this instance or another). */
        NOT_DUE,
        /** The delta has never read the entity: its first read publishes everything. */
        NO_DELTA_YET
    }

    /**
     * What a sweep did.
     *
     * @param status whether it ran; if not, the counts are 0
     * @param read records read from SAP HR
     * @param published records published: their content differed from what was last published
     * @param skipped records that differed but the event's contract refuses (counted, logged)
     * @param unchanged records read whose content is what was last published
     * @param leftToDelta records changed at or after the delta's next read starts, left to it
     */
    record Result(
            Status status, int read, int published, int skipped, int unchanged, int leftToDelta) {

        static Result not(Status status) {
            return new Result(status, 0, 0, 0, 0, 0);
        }
    }

    private final DeltaRead.Entity<T> entity;
    private final Outbox outbox;
    private final TransactionOperations transactions;
    private final HrDelta delta;
    private final Duration overlap;
    private final Clock clock;
    private final Counter published;
    private final Counter sweepPublished;
    private final Counter skipped;
    private final Map<String, Counter> runs = new LinkedHashMap<>();

    FullSweep(
            DeltaRead.Entity<T> entity,
            Outbox outbox,
            TransactionOperations transactions,
            HrDelta delta,
            Duration overlap,
            Clock clock,
            MeterRegistry meters) {
        this.entity = entity;
        this.outbox = outbox;
        this.transactions = transactions;
        this.delta = delta;
        this.overlap = overlap;
        this.clock = clock;
        // The delta's counters: the sweep's publications are among the entity's published changes.
        this.published = entity.publishedCounter(meters);
        this.skipped = entity.skippedCounter(meters);
        this.sweepPublished =
                Counter.builder("sap_hr_" + entity.metric() + "_sweep_published_total")
                        .description(
                                entity.noun()
                                        + " changes the delta read missed (SAP HR made them"
                                        + " visible too late) and the full sweep published")
                        .register(meters);
        for (String outcome : List.of("completed", "unavailable", "failed")) {
            runs.put(
                    outcome,
                    Counter.builder("sap_hr_sweep_runs_total")
                            .description("Full sweeps of SAP HR, by entity and outcome")
                            .tag("entity", entity.metric())
                            .tag("outcome", outcome)
                            .register(meters));
        }
        Gauge.builder(
                        "sap_hr_sweep_last_completed_timestamp_seconds",
                        delta,
                        hr ->
                                hr.lastSweepFinished(entity.name())
                                        .map(at -> at.toEpochMilli() / 1000.0)
                                        .orElse(0.0))
                .description(
                        "When the last full sweep of SAP HR completed, by any instance (0: never)")
                .tag("entity", entity.metric())
                .register(meters);
    }

    /** SAP HR's name of the entity swept. */
    String entityName() {
        return entity.name();
    }

    /**
     * Sweeps the entity if {@code due} says so of the start of its last recorded sweep (empty
     * before the first) and no other instance is sweeping.
     *
     * @throws SapUnavailableException when SAP HR did not answer (nothing published or recorded;
     *     counted as {@code unavailable})
     * @throws RuntimeException when anything else went wrong: an answer that could not be read, the
     *     database (nothing published or recorded; counted as {@code failed})
     */
    Result sweep(Predicate<Optional<Instant>> due) {
        Instant started = clock.instant();
        Result result;
        try {
            result = transactions.execute(status -> sweepLocked(due, started));
        } catch (SapUnavailableException unavailable) {
            runs.get("unavailable").increment(); // the caller logs it
            throw unavailable;
        } catch (RuntimeException failed) {
            runs.get("failed").increment(); // the caller logs it
            throw failed;
        }
        if (result.status() == Status.SWEPT) {
            runs.get("completed").increment();
            published.increment(result.published());
            sweepPublished.increment(result.published());
            skipped.increment(result.skipped());
            log.info(
                    "Full sweep of {} done in {} ms: {} records read, {} published (changed since"
                            + " last published, missed by the delta), {} unusable, {} unchanged,"
                            + " {} left to the delta",
                    entity.name(),
                    Duration.between(started, clock.instant()).toMillis(),
                    result.read(),
                    result.published(),
                    result.skipped(),
                    result.unchanged(),
                    result.leftToDelta());
        } else {
            log.debug("Full sweep of {} not run: {}", entity.name(), result.status());
        }
        return result;
    }

    private Result sweepLocked(Predicate<Optional<Instant>> due, Instant started) {
        if (!delta.tryLock(SWEEP_LOCK_KEY)) {
            return Result.not(Status.BUSY);
        }
        if (!due.test(delta.lastSweep(entity.name()))) {
            return Result.not(Status.NOT_DUE);
        }
        delta.lock(entity.lockKey()); // waits for a delta read of the entity to end
        Optional<HrDelta.Mark> mark = delta.mark(entity.name());
        if (mark.isEmpty()) {
            return Result.not(Status.NO_DELTA_YET);
        }
        Instant deltaFrom = mark.get().changedAt().minus(overlap);
        log.info(
                "Full sweep of {} begins: every record, those changed before {} compared with what"
                        + " was last published",
                entity.name(),
                deltaFrom);
        int[] counts = new int[5]; // read, published, skipped, unchanged, left to the delta
        entity.reader().changedSince(null, page -> sweep(page, deltaFrom, counts));
        Result result =
                new Result(Status.SWEPT, counts[0], counts[1], counts[2], counts[3], counts[4]);
        delta.swept(entity.name(), started, clock.instant(), result);
        return result;
    }

    private void sweep(List<T> page, Instant deltaFrom, int[] counts) {
        List<T> older = new ArrayList<>();
        for (T record : page) {
            counts[0]++;
            if (entity.changedAt().apply(record).isBefore(deltaFrom)) {
                older.add(record);
            } else {
                counts[4]++; // the next delta read reads it
            }
        }
        Map<String, HrDelta.Published> last =
                delta.published(
                        entity.name(), older.stream().map(r -> entity.id().apply(r)).toList());
        Map<String, HrDelta.Published> handled = new HashMap<>();
        for (T record : older) {
            String id = entity.id().apply(record);
            HrDelta.Published now = entity.published(record);
            HrDelta.Published before = handled.containsKey(id) ? handled.get(id) : last.get(id);
            if (before != null && before.sameAs(now)) {
                if (before.sha256() == null) {
                    // Published by the version before the sweep, at this change time: its hash is
                    // recorded now, so a later change keeping the time is still seen.
                    handled.put(id, now);
                }
                counts[3]++;
                continue;
            }
            // Consumers ignore an event older than the one they hold: a change SAP stamped before
            // what was last published of the record (a back-dated import) takes that time.
            Instant effectiveAt =
                    before == null || !before.changedAt().isAfter(now.changedAt())
                            ? now.changedAt()
                            : before.changedAt();
            handled.put(id, now.at(effectiveAt));
            try {
                outbox.append(entity.event().apply(record, effectiveAt));
                counts[1]++;
                log.debug(
                        "Full sweep of {}: {} changed at {} differs from what was published;"
                                + " published effective at {}",
                        entity.name(),
                        id,
                        now.changedAt(),
                        effectiveAt);
            } catch (IllegalArgumentException | NullPointerException unusable) {
                counts[2]++;
                log.warn(
                        "{} {} in SAP HR cannot be published: {}",
                        entity.name(),
                        id,
                        unusable.getMessage());
            }
        }
        delta.remember(entity.name(), handled);
        log.debug(
                "Full sweep of {}: {} records read, {} published so far",
                entity.name(),
                counts[0],
                counts[1]);
    }
}
