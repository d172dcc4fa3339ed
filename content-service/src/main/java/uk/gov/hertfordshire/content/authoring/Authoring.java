package uk.gov.hertfordshire.content.authoring;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.gov.hertfordshire.content.authoring.ContentProblems.FieldError;
import uk.gov.hertfordshire.content.catalogue.KnownServices;
import uk.gov.hertfordshire.content.rendering.PublishGates.GateReport;
import uk.gov.hertfordshire.platform.events.content.ContentArchived;
import uk.gov.hertfordshire.platform.events.content.ContentUnpublished;
import uk.gov.hertfordshire.platform.events.content.ContributionModerated;
import uk.gov.hertfordshire.platform.events.content.ContributionSubmitted;
import uk.gov.hertfordshire.platform.security.Caller;
import uk.gov.hertfordshire.platform.security.Role;
import uk.gov.hertfordshire.platform.support.outbox.Outbox;

/**
 * Writes content: creates drafts, saves each edit as a new revision, and applies the workflow under
 * a row lock, checking the caller saw the state they change ({@code If-Match}), the four-eyes rule
 * and the publish gates ({@link PublishChecks}), with each change's one event in the same
 * transaction (going live and coming off: {@link Publication}).
 */
@Service
public class Authoring {

    /** The author of a citizen's contribution in its revisions: no staff member. */
    public static final String COMMUNITY_AUTHOR = "community";

    private final ItemRepository items;
    private final KnownServices services;
    private final Outbox outbox;
    private final Clock clock;
    private final PublishChecks checks;
    private final Publication publication;

    Authoring(
            ItemRepository items,
            KnownServices services,
            Outbox outbox,
            Clock clock,
            PublishChecks checks,
            Publication publication) {
        this.items = items;
        this.services = services;
        this.outbox = outbox;
        this.clock = clock;
        this.checks = checks;
        this.publication = publication;
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
                item.withState(ContentStatus.IN_REVIEW, item.latestRevision(), null, null, null),
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
        ItemRecord item = ItemRecord.created(UUID.randomUUID(), type, path, status, now);
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
        // Refused if another item holds the path, where it is or staged by an edit of its own.
        if (items.pathTaken(path, id)) {
            throw ContentProblems.pathTaken(path);
        }
        Instant now = now();
        int number = before.latestRevision() + 1;
        Revision revision = new Revision(id, number, content, staffId, null, now);
        items.insertRevision(revision, content.readerText());
        // While a revision is live, a new path is part of the draft: it is staged, and the live
        // page moves only when this revision (or a later one) is approved.
        ItemRecord after =
                before.withState(
                                ContentStatus.DRAFT,
                                number,
                                before.liveRevision(),
                                null,
                                before.liveUntil())
                        .withEditedPath(path);
        try {
            items.update(after, now);
        } catch (DuplicateKeyException e) {
            throw ContentProblems.pathTaken(path); // taken since the check, by a concurrent write
        }
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
                            before.withState(
                                    ContentStatus.IN_REVIEW,
                                    before.latestRevision(),
                                    before.liveRevision(),
                                    null,
                                    before.liveUntil());
                    case APPROVE -> {
                        checks.requireApprovable(before, staffId);
                        requireFuture(request.unpublishAt(), now, "unpublishAt");
                        checks.requireGatesPassed(latest.content());
                        yield publication.publish(before, latest, request.unpublishAt(), now);
                    }
                    case SCHEDULE -> {
                        checks.requireApprovable(before, staffId);
                        requireFuture(request.publishAt(), now, "publishAt");
                        checks.requireGatesPassed(latest.content());
                        if (request.unpublishAt() != null
                                && !request.unpublishAt().isAfter(request.publishAt())) {
                            throw ContentProblems.badSchedule(
                                    "unpublishAt must be after publishAt.");
                        }
                        // The live revision, if any, keeps its own removal if that comes before
                        // the schedule replaces it; the scheduled revision's waits beside it (and
                        // in unpublish_at, where the previous version reads it, if not).
                        yield before.withState(
                                        ContentStatus.SCHEDULED,
                                        before.latestRevision(),
                                        before.liveRevision(),
                                        request.publishAt(),
                                        before.liveUntil())
                                .withScheduledUnpublishAt(request.unpublishAt());
                    }
                    case REJECT ->
                            before.withState(
                                            ContentStatus.DRAFT,
                                            before.latestRevision(),
                                            before.liveRevision(),
                                            null,
                                            before.liveUntil())
                                    .withNote(request.reason());
                    case UNPUBLISH -> {
                        if (before.liveRevision() != null) {
                            outbox.append(
                                    new ContentUnpublished(
                                            id.toString(), before.liveRevision(), now));
                            publication.alertEnded(before, now);
                        }
                        yield before.withState(
                                ContentStatus.DRAFT, before.latestRevision(), null, null, null);
                    }
                    case ARCHIVE -> {
                        outbox.append(
                                new ContentArchived(
                                        id.toString(), before.liveRevision() != null, now));
                        if (before.liveRevision() != null) {
                            publication.alertEnded(before, now);
                        }
                        yield before.withState(
                                ContentStatus.ARCHIVED, before.latestRevision(), null, null, null);
                    }
                    case RESTORE -> {
                        latest = restore(before, request.revision(), staffId, now);
                        // Revisions hold text, not the path: a staged path stays with the draft
                        // until a PUT changes it (giving the live path back cancels the move).
                        yield before.withState(
                                ContentStatus.DRAFT,
                                latest.number(),
                                before.liveRevision(),
                                null,
                                before.liveUntil());
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

    /** A new latest revision with the content of an earlier one (the latest if none is named). */
    private Revision restore(ItemRecord before, Integer revision, String staffId, Instant now) {
        int source = revision == null ? before.latestRevision() : revision;
        Revision restored =
                items.revision(before.id(), source)
                        .orElseThrow(
                                () ->
                                        ContentProblems.invalid(
                                                List.of(
                                                        new FieldError(
                                                                "revision",
                                                                "item has no revision "
                                                                        + source))));
        int number = before.latestRevision() + 1;
        Revision latest =
                new Revision(
                        before.id(),
                        number,
                        restored.content(),
                        staffId,
                        "restored from revision " + source,
                        now);
        items.insertRevision(latest, latest.content().readerText());
        return latest;
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
        return find(id).map(saved -> checks.report(saved.latest().content()));
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

    private void validate(ContentType type, String path, ItemContent content) {
        int length = content.length();
        if (length > ItemRules.MAX_CHARACTERS) {
            throw ContentProblems.tooLarge(length);
        }
        // The catalogue is asked only about codes it could hold (ItemRules refuses the rest).
        List<String> codes = content.serviceCodes().stream().filter(ItemRules::isStorable).toList();
        List<FieldError> errors = ItemRules.check(type, path, content, services.unknown(codes));
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
