package uk.gov.hertfordshire.content.authoring;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.gov.hertfordshire.content.authoring.Authoring.Saved;
import uk.gov.hertfordshire.content.rendering.ReadingAge;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * The authoring API for editors and publishers: {@code POST /api/content/items} creates a draft;
 * {@code GET/PUT /api/content/items/{id}} reads and edits it (the {@code ETag} of a read goes back
 * in {@code If-Match}); the workflow actions are named by the path ({@code /submit}, {@code
 * /approve}, {@code /reject}, {@code /schedule}, {@code /unpublish}, {@code /archive}, {@code
 * /restore}); {@code /revisions} lists, shows and compares revisions. Never anonymous.
 */
@RestController
@RequestMapping("/api/content/items")
@PreAuthorize("hasAnyRole('EDITOR', 'PUBLISHER')")
class AuthoringController {

    private final Authoring authoring;

    AuthoringController(Authoring authoring) {
        this.authoring = authoring;
    }

    @PostMapping
    ResponseEntity<ItemView> create(@RequestBody ItemRequest request, Caller caller) {
        Saved saved = authoring.create(request.type(), request.path(), request.content(), caller);
        return ResponseEntity.created(URI.create("/api/content/items/" + saved.item().id()))
                .eTag(saved.item().etag())
                .body(ItemView.of(saved));
    }

    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable UUID id) {
        return authoring
                .find(id)
                .<ResponseEntity<?>>map(
                        saved ->
                                ResponseEntity.ok()
                                        .eTag(saved.item().etag())
                                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                        .body(ItemView.of(saved)))
                .orElseGet(AuthoringController::notFound);
    }

    @PutMapping("/{id}")
    ResponseEntity<?> update(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody ItemRequest request,
            Caller caller) {
        if (request.type() != null) {
            return badType();
        }
        return authoring
                .update(id, ifMatch, request.path(), request.content(), caller)
                .<ResponseEntity<?>>map(AuthoringController::saved)
                .orElseGet(AuthoringController::notFound);
    }

    @PostMapping("/{id}/{action:submit|approve|reject|schedule|unpublish|archive|restore}")
    ResponseEntity<?> act(
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) ActionRequest body,
            Caller caller) {
        return authoring
                .act(
                        id,
                        ContentAction.fromWire(action),
                        ifMatch,
                        body == null ? ActionRequest.NONE : body,
                        caller)
                .<ResponseEntity<?>>map(AuthoringController::saved)
                .orElseGet(AuthoringController::notFound);
    }

    /** The publish gates' verdict on the latest revision, before anyone asks to approve it. */
    @GetMapping("/{id}/gates")
    ResponseEntity<?> gates(@PathVariable UUID id) {
        return authoring
                .gates(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(AuthoringController::notFound);
    }

    @GetMapping("/{id}/revisions")
    ResponseEntity<?> revisions(@PathVariable UUID id) {
        List<Revision> revisions = authoring.revisions(id);
        if (revisions.isEmpty()) {
            return notFound();
        }
        return ResponseEntity.ok(
                revisions.stream()
                        .map(
                                r ->
                                        new RevisionSummary(
                                                r.number(),
                                                r.content().title(),
                                                r.authorStaffId(),
                                                r.note(),
                                                r.createdAt()))
                        .toList());
    }

    @GetMapping("/{id}/revisions/{number}")
    ResponseEntity<?> revision(@PathVariable UUID id, @PathVariable int number) {
        return authoring
                .revision(id, number)
                .<ResponseEntity<?>>map(r -> ResponseEntity.ok(RevisionView.of(r)))
                .orElseGet(AuthoringController::notFound);
    }

    /** What changed from one revision to another, field by field, as unified diffs. */
    @GetMapping("/{id}/revisions/compare")
    ResponseEntity<?> compare(@PathVariable UUID id, @RequestParam int from, @RequestParam int to) {
        var a = authoring.revision(id, from);
        var b = authoring.revision(id, to);
        if (a.isEmpty() || b.isEmpty()) {
            return notFound();
        }
        return ResponseEntity.ok(
                Map.of(
                        "from", from,
                        "to", to,
                        "changes", RevisionDiff.between(a.get(), b.get())));
    }

    /** Items in one workflow status (the review queue is {@code ?status=in_review}). */
    @GetMapping
    ResponseEntity<?> list(@RequestParam String status) {
        ContentStatus wanted;
        try {
            wanted = ContentStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "status must be draft, in_review, scheduled, published or archived");
        }
        return ResponseEntity.ok(
                authoring.inStatus(wanted).stream()
                        .map(
                                i ->
                                        Map.of(
                                                "id", i.id(),
                                                "path", i.path(),
                                                "type", i.type().wireValue(),
                                                "status", i.status().wireValue(),
                                                "updatedAt", i.updatedAt()))
                        .toList());
    }

    /** Live items past their review date, the longest overdue first. */
    @GetMapping("/overdue-for-review")
    List<Map<String, Object>> overdue() {
        return authoring.overdueForReview();
    }

    private static ResponseEntity<?> saved(Saved saved) {
        return ResponseEntity.ok().eTag(saved.item().etag()).body(ItemView.of(saved));
    }

    private static ResponseEntity<?> badType() {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.BAD_REQUEST,
                        "An item's type is fixed when it is created; leave type out of an edit.");
        problem.setProperty(
                "errors", List.of(Map.of("field", "type", "message", "cannot be changed")));
        return ResponseEntity.badRequest().body(problem);
    }

    private static ResponseEntity<?> notFound() {
        return ResponseEntity.of(
                        ProblemDetail.forStatusAndDetail(
                                HttpStatus.NOT_FOUND, "No content item was found with this id."))
                .build();
    }

    /** A new item (type required) or an edit (type left out). */
    record ItemRequest(
            String type,
            String path,
            String title,
            String summary,
            String body,
            List<String> channels,
            String audience,
            List<String> topics,
            List<String> serviceCodes,
            LocalDate reviewBy,
            List<ItemContent.Part> parts,
            List<ItemContent.Part> steps,
            String priority,
            Instant startsAt,
            Instant endsAt,
            String callScript) {

        ItemContent content() {
            return new ItemContent(
                    title,
                    summary,
                    body,
                    topics,
                    serviceCodes,
                    channels,
                    audience,
                    reviewBy,
                    parts,
                    steps,
                    priority,
                    startsAt,
                    endsAt,
                    callScript);
        }
    }

    /**
     * The item as it stands: its workflow state and its latest revision's content. {@code path} is
     * the draft's path, what a {@code PUT} sets and where the latest revision is served once
     * approved, so a client that reads the item and writes it back keeps a move it has not seen;
     * {@code livePath} is where the live revision is served now (null when nothing is live). {@code
     * unpublishAt} is when the live revision comes off the channels (null when nothing is live or
     * it stays, or, while {@code scheduled}, when the schedule replaces it first); while the item
     * is {@code scheduled}, {@code publishAt} is when the latest revision goes live and {@code
     * scheduledUnpublishAt} when it comes off again (null: it stays), whatever the live revision's
     * own time.
     */
    record ItemView(
            UUID id,
            String type,
            String path,
            String livePath,
            String status,
            int revision,
            Integer liveRevision,
            Instant publishAt,
            Instant unpublishAt,
            Instant scheduledUnpublishAt,
            Instant publishedAt,
            String reviewNote,
            double readingAge,
            ItemContent content,
            Instant updatedAt) {

        static ItemView of(Saved saved) {
            ItemRecord item = saved.item();
            ItemContent content = saved.latest().content();
            return new ItemView(
                    item.id(),
                    item.type().wireValue(),
                    item.draftPath(),
                    item.liveRevision() == null ? null : item.path(),
                    item.status().wireValue(),
                    item.latestRevision(),
                    item.liveRevision(),
                    item.publishAt(),
                    item.liveUntil(),
                    item.status() == ContentStatus.SCHEDULED ? item.scheduledUntil() : null,
                    item.publishedAt(),
                    item.reviewNote(),
                    ReadingAge.of(content.readerText()),
                    content,
                    item.updatedAt());
        }
    }

    record RevisionSummary(
            int revision, String title, String authorStaffId, String note, Instant createdAt) {}

    record RevisionView(
            int revision,
            String authorStaffId,
            String note,
            Instant createdAt,
            ItemContent content) {
        static RevisionView of(Revision r) {
            return new RevisionView(
                    r.number(), r.authorStaffId(), r.note(), r.createdAt(), r.content());
        }
    }
}
