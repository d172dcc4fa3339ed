package uk.gov.hertfordshire.content.authoring;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.content.authoring.ContentProblems.FieldError;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.rendering.PublishGates;
import uk.gov.hertfordshire.content.rendering.PublishGates.GateReport;
import uk.gov.hertfordshire.platform.events.content.AlertEnded;
import uk.gov.hertfordshire.platform.events.content.AlertRaised;
import uk.gov.hertfordshire.platform.events.content.ContentArchived;
import uk.gov.hertfordshire.platform.events.content.ContentPublished;
import uk.gov.hertfordshire.platform.events.content.ContentUnpublished;
import uk.gov.hertfordshire.platform.events.content.ContributionModerated;
import uk.gov.hertfordshire.platform.events.content.ContributionSubmitted;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Writes content: creates drafts, saves each edit as a new revision, and applies the workflow under
 * a row lock, checking the caller saw the state they change ({@code If-Match}), the four-eyes rule
 * and the publish gates, with each change's one event in the same transaction.
 */
@Service
public class Authoring {

    /** The author of a citizen's contribution in its revisions: no staff member. */
    public static final String COMMUNITY_AUTHOR = "community";

    private final ItemRepository items;
    private final KnownServices services;
    private final Outbox outbox;
    private final Clock clock;
    private final PublishGates gates;
    private final PublishRefusals refusals;

    Authoring(
            ItemRepository items,
            KnownServices services,
            Outbox outbox,
            Clock clock,
            PublishRefusals refusals,
            @Value("${platform.content.gates.max-reading-age:9}") double maxReadingAge) {
        this.items = items;
        this.services = services;
        this.outbox = outbox;
        this.clock = clock;
        this.refusals = refusals;
        this.gates = new PublishGates(maxReadingAge);
    }

    /** Creates a draft at revision 1. */
    @Transactional
    public Saved create(String typeName, String path, ItemContent content, Caller author) {
        String staffId = staffId(author);
        ContentType type =
                ContentType.fromWire(typeName)
                        .orElseThrow(
                                () ->
                                        ContentProblems.invalid(
                                                List.of(
                                                        new FieldError(
                                                                "type",
                                                                "must be one of "
                                                                        + ContentType
                                                                                .allWireValues()))));
        return insertNew(type, path, content, staffId, ContentStatus.DRAFT);
    }

    /**
     * A citizen's community listing: validated as any listing, and straight into review, where a
     * publisher moderates it (approve, or reject with a reason the citizen reads). Its revisions
     * name no person ({@link #COMMUNITY_AUTHOR}); who contributed it is kept by {@code community}
     * and never shown publicly.
     */
    @Transactional
    public Saved submitContribution(String path, ItemContent content) {
        Saved saved =
                insertNew(
                        ContentType.COMMUNITY_LISTING,
                        path,
                        content,
                        COMMUNITY_AUTHOR,
                        ContentStatus.IN_REVIEW);
        outbox.append(
                new ContributionSubmitted(saved.item().id().toString(), saved.item().createdAt()));
        return saved;
    }

    /**
     * Takes a live item off the channels and back into review (a community listing reported too
     * often); false if it was not live.
     */
    @Transactional
    public boolean returnToModeration(UUID id) {
        Optional<ItemRecord> found = items.lock(id);
        if (found.isEmpty() || found.get().liveRevision() == null) {
            return false;
        }
        ItemRecord item = found.get();
        Instant now = now();
        outbox.append(new ContentUnpublished(id.toString(), item.liveRevision(), now));
        moderated(item, ContributionModerated.RETURNED_TO_MODERATION, now);
        items.update(
                with(
                        item,
                        item.path(),
                        ContentStatus.IN_REVIEW,
                        item.latestRevision(),
                        null,
                        null,
                        null),
                now);
        return true;
    }

    private Saved insertNew(
            ContentType type,
            String path,
            ItemContent content,
            String authorId,
            ContentStatus status) {
        validate(type, path, content);
        Instant now = now();
        ItemRecord item =
                new ItemRecord(
                        UUID.randomUUID(),
                        type,
                        path,
                        status,
                        1,
                        null,
                        1,
                        null,
                        null,
                        null,
                        null,
                        now,
                        now);
        try {
            items.insert(item);
        } catch (DuplicateKeyException e) {
            throw ContentProblems.pathTaken(path);
        }
        Revision revision = new Revision(item.id(), 1, content, authorId, null, now);
        items.insertRevision(revision, content.readerText());
        return new Saved(items.find(item.id()).orElseThrow(), revision);
    }

    /** Saves an edit as a new revision; the item goes (back) to draft. */
    @Transactional
    public Optional<Saved> update(
            UUID id, String ifMatch, String path, ItemContent content, Caller author) {
        String staffId = staffId(author);
        Optional<ItemRecord> found = items.lock(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ItemRecord before = found.get();
        Preconditions.requireMatch(before.etag(), ifMatch);
        if (before.status() == ContentStatus.SCHEDULED
                || before.status() == ContentStatus.ARCHIVED) {
            throw ContentProblems.notEditable(before.status());
        }
        validate(before.type(), path, content);
        if (items.pathTaken(path, id)) {
            throw ContentProblems.pathTaken(path);
        }
        Instant now = now();
        int number = before.latestRevision() + 1;
        Revision revision = new Revision(id, number, content, staffId, null, now);
        items.insertRevision(revision, content.readerText());
        items.update(
                with(before, path, ContentStatus.DRAFT, number, before.liveRevision(), null, null),
                now);
        return Optional.of(new Saved(items.find(id).orElseThrow(), revision));
    }

    /** Applies one workflow action; empty if there is no such item. */
    @Transactional
    public Optional<Saved> act(
            UUID id, ContentAction action, String ifMatch, ActionRequest request, Caller actor) {
        String staffId = staffId(actor);
        if (action.publisherOnly() && !actor.has(Role.PUBLISHER)) {
            throw new AccessDeniedException("only a publisher may " + action.wireValue());
        }
        request.requireFits(action);
        Optional<ItemRecord> found = items.lock(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ItemRecord before = found.get();
        Preconditions.requireMatch(before.etag(), ifMatch);
        if (!action.isAllowedFrom(before.status())) {
            throw ContentProblems.invalidTransition(action, before.status());
        }
        Instant now = now();
        Revision latest = items.revision(id, before.latestRevision()).orElseThrow();
        ItemRecord after =
                switch (action) {
                    case SUBMIT ->
                            with(
                                    before,
                                    before.path(),
                                    ContentStatus.IN_REVIEW,
                                    before.latestRevision(),
                                    before.liveRevision(),
                                    null,
                                    null);
                    case APPROVE -> {
                        requireApprovable(before, latest, staffId);
                        requireFuture(request.unpublishAt(), now, "unpublishAt");
                        yield publish(before, latest, request.unpublishAt(), now, true);
                    }
                    case SCHEDULE -> {
                        requireApprovable(before, latest, staffId);
                        requireFuture(request.publishAt(), now, "publishAt");
                        requireGatesPassed(latest);
                        if (request.unpublishAt() != null
                                && !request.unpublishAt().isAfter(request.publishAt())) {
                            throw ContentProblems.badSchedule(
                                    "unpublishAt must be after publishAt.");
                        }
                        yield with(
                                before,
                                before.path(),
                                ContentStatus.SCHEDULED,
                                before.latestRevision(),
                                before.liveRevision(),
                                request.publishAt(),
                                request.unpublishAt());
                    }
                    case REJECT ->
                            withNote(
                                    with(
                                            before,
                                            before.path(),
                                            ContentStatus.DRAFT,
                                            before.latestRevision(),
                                            before.liveRevision(),
                                            null,
                                            null),
                                    request.reason());
                    case UNPUBLISH -> {
                        if (before.liveRevision() != null) {
                            outbox.append(
                                    new ContentUnpublished(
                                            id.toString(), before.liveRevision(), now));
                            alertEnded(before, now);
                        }
                        yield with(
                                before,
                                before.path(),
                                ContentStatus.DRAFT,
                                before.latestRevision(),
                                null,
                                null,
                                null);
                    }
                    case ARCHIVE -> {
                        outbox.append(
                                new ContentArchived(
                                        id.toString(), before.liveRevision() != null, now));
                        if (before.liveRevision() != null) {
                            alertEnded(before, now);
                        }
                        yield with(
                                before,
                                before.path(),
                                ContentStatus.ARCHIVED,
                                before.latestRevision(),
                                null,
                                null,
                                null);
                    }
                    case RESTORE -> {
                        int source =
                                request.revision() == null
                                        ? before.latestRevision()
                                        : request.revision();
                        Revision restored =
                                items.revision(id, source)
                                        .orElseThrow(
                                                () ->
                                                        ContentProblems.invalid(
                                                                List.of(
                                                                        new FieldError(
                                                                                "revision",
                                                                                "item has no"
                                                                                        + " revision "
                                                                                        + source))));
                        int number = before.latestRevision() + 1;
                        latest =
                                new Revision(
                                        id,
                                        number,
                                        restored.content(),
                                        staffId,
                                        "restored from revision " + source,
                                        now);
                        items.insertRevision(latest, latest.content().readerText());
                        yield with(
                                before,
                                before.path(),
                                ContentStatus.DRAFT,
                                number,
                                before.liveRevision(),
                                null,
                                null);
                    }
                };
        if (action == ContentAction.APPROVE || action == ContentAction.SCHEDULE) {
            moderated(before, ContributionModerated.PUBLISHED, now);
        } else if (action == ContentAction.REJECT) {
            moderated(before, ContributionModerated.REJECTED, now);
        }
        items.update(after, now);
        return Optional.of(new Saved(items.find(id).orElseThrow(), latest));
    }

    /**
     * Publishes a scheduled item whose time has come (the publication watch; the row is already
     * locked and its schedule was approved).
     */
    void publishScheduled(ItemRecord scheduled, Instant now) {
        Revision latest = items.revision(scheduled.id(), scheduled.latestRevision()).orElseThrow();
        // Its gates were passed when a publisher scheduled it.
        items.update(publish(scheduled, latest, scheduled.unpublishAt(), now, false), now);
    }

    /** Takes a live item off at its unpublish time (the publication watch, row locked). */
    void unpublishDue(ItemRecord item, Instant now) {
        outbox.append(new ContentUnpublished(item.id().toString(), item.liveRevision(), now));
        alertEnded(item, now);
        ContentStatus status =
                item.status() == ContentStatus.PUBLISHED ? ContentStatus.DRAFT : item.status();
        items.update(
                with(
                        item,
                        item.path(),
                        status,
                        item.latestRevision(),
                        null,
                        item.publishAt(),
                        null),
                now);
    }

    /** The item as it stands, with its latest revision. */
    @Transactional(readOnly = true)
    public Optional<Saved> find(UUID id) {
        return items.find(id)
                .map(
                        item ->
                                new Saved(
                                        item,
                                        items.revision(id, item.latestRevision()).orElseThrow()));
    }

    /** The publish gates' verdict on the item's latest revision, as approving would see it. */
    @Transactional(readOnly = true)
    public Optional<GateReport> gates(UUID id) {
        return find(id).map(saved -> check(saved.latest().content()));
    }

    @Transactional(readOnly = true)
    List<Revision> revisions(UUID id) {
        return items.revisions(id);
    }

    @Transactional(readOnly = true)
    Optional<Revision> revision(UUID id, int number) {
        return items.revision(id, number);
    }

    @Transactional(readOnly = true)
    List<Map<String, Object>> overdueForReview() {
        return items.overdueForReview(
                java.time.LocalDate.ofInstant(now(), java.time.ZoneId.of("Europe/London")));
    }

    @Transactional(readOnly = true)
    List<ItemRecord> inStatus(ContentStatus status) {
        return items.inStatus(status, 200);
    }

    private ItemRecord publish(
            ItemRecord before, Revision latest, Instant unpublishAt, Instant now, boolean gated) {
        if (gated) {
            requireGatesPassed(latest);
        }
        int revision = before.latestRevision();
        outbox.append(
                new ContentPublished(
                        before.id().toString(), revision, latest.content().channels(), now));
        Instant comesOff = unpublishAt;
        if (before.type() == ContentType.ALERT) {
            outbox.append(alertRaised(before.id(), revision, latest.content(), now));
            if (comesOff == null) {
                comesOff = latest.content().endsAt(); // an alert comes off when it ends
            }
        }
        items.markAnnounced(before.id(), revision);
        items.rememberWords(before.id(), revision);
        return new ItemRecord(
                before.id(),
                before.type(),
                before.path(),
                ContentStatus.PUBLISHED,
                revision,
                revision,
                before.version(),
                null,
                comesOff,
                now,
                null,
                before.createdAt(),
                now);
    }

    /** What an alert's going live tells banner feeds. */
    static AlertRaised alertRaised(UUID id, int revision, ItemContent alert, Instant now) {
        return new AlertRaised(
                id.toString(),
                revision,
                alert.priority(),
                alert.channels(),
                alert.startsAt(),
                alert.endsAt(),
                now);
    }

    /** A live alert coming off the channels (nothing for other types). */
    private void alertEnded(ItemRecord item, Instant now) {
        if (item.type() == ContentType.ALERT) {
            outbox.append(new AlertEnded(item.id().toString(), now));
        }
    }

    /** A moderation decision on a citizen's listing (not on a listing staff wrote). */
    private void moderated(ItemRecord item, String outcome, Instant now) {
        boolean contributed =
                item.type() == ContentType.COMMUNITY_LISTING
                        && items.revision(item.id(), 1)
                                .map(first -> COMMUNITY_AUTHOR.equals(first.authorStaffId()))
                                .orElse(false);
        if (contributed) {
            outbox.append(new ContributionModerated(item.id().toString(), outcome, now));
        }
    }

    private void requireGatesPassed(Revision latest) {
        GateReport report = check(latest.content());
        if (!report.passed()) {
            refusals.refused(
                    report.failures().stream().map(PublishGates.GateFailure::gate).toList());
            throw ContentProblems.gatesFailed(report.failures(), report.readingAge());
        }
    }

    private GateReport check(ItemContent content) {
        return gates.check(content.sections(), items::isLivePath, content.readerText());
    }

    /** The four-eyes rule: nobody approves a revision under review that they made. */
    private void requireApprovable(ItemRecord item, Revision latest, String staffId) {
        int since = item.liveRevision() == null ? 0 : item.liveRevision();
        List<Integer> theirs =
                items.authorsAfter(item.id(), since).entrySet().stream()
                        .filter(entry -> entry.getValue().equals(staffId))
                        .map(Map.Entry::getKey)
                        .toList();
        if (!theirs.isEmpty()) {
            refusals.refused(List.of(PublishRefusals.FOUR_EYES));
            throw ContentProblems.fourEyes(staffId, theirs);
        }
    }

    private void validate(ContentType type, String path, ItemContent content) {
        int length = content.length();
        if (length > ItemRules.MAX_CHARACTERS) {
            throw ContentProblems.tooLarge(length);
        }
        List<FieldError> errors =
                ItemRules.check(type, path, content, services.unknown(content.serviceCodes()));
        if (!errors.isEmpty()) {
            throw ContentProblems.invalid(errors);
        }
    }

    private static void requireFuture(Instant at, Instant now, String field) {
        if (at != null && !at.isAfter(now)) {
            throw ContentProblems.badSchedule(field + " must be in the future.");
        }
    }

    private static String staffId(Caller caller) {
        if (caller.staffId() == null) {
            throw new AccessDeniedException("content is written by staff with a staff_id");
        }
        return caller.staffId();
    }

    private static ItemRecord with(
            ItemRecord item,
            String path,
            ContentStatus status,
            int latest,
            Integer live,
            Instant publishAt,
            Instant unpublishAt) {
        return new ItemRecord(
                item.id(),
                item.type(),
                path,
                status,
                latest,
                live,
                item.version(),
                publishAt,
                unpublishAt,
                live == null ? null : item.publishedAt(),
                null,
                item.createdAt(),
                item.updatedAt());
    }

    private static ItemRecord withNote(ItemRecord item, String note) {
        return new ItemRecord(
                item.id(),
                item.type(),
                item.path(),
                item.status(),
                item.latestRevision(),
                item.liveRevision(),
                item.version(),
                item.publishAt(),
                item.unpublishAt(),
                item.publishedAt(),
                note,
                item.createdAt(),
                item.updatedAt());
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An item after a change, with the revision the change concerned.
     *
     * @param item the item's new state (its version is its ETag)
     * @param latest its latest revision
     */
    public record Saved(ItemRecord item, Revision latest) {}
}
