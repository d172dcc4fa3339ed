package uk.gov.hertfordshire.cases.photos;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * {@code /api/cases/{id}/photos}: add a photo to a case, list them, fetch one. Whoever may read the
 * case may do all three; for anyone else the case does not exist (404, never 403).
 */
@RestController
@RequestMapping("/api/cases/{caseId}/photos")
@PreAuthorize("hasAnyRole('CITIZEN', 'AGENT', 'OFFICER', 'ADMIN')")
class PhotoController {

    /** Photos never change once stored, but access can be taken away: browsers only, briefly. */
    private static final CacheControl PRIVATE =
            CacheControl.maxAge(Duration.ofHours(1)).cachePrivate();

    private final PhotoService photos;

    PhotoController(PhotoService photos) {
        this.photos = photos;
    }

    /** Multipart, with the image in the part named {@code photo}. Accepts Idempotency-Key. */
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> upload(
            @PathVariable UUID caseId, @RequestPart("photo") MultipartFile photo, Caller caller)
            throws IOException {
        return photos.upload(caseId, photo.getContentType(), photo.getBytes(), caller)
                .<ResponseEntity<?>>map(
                        stored ->
                                ResponseEntity.created(URI.create(urlOf(stored)))
                                        .body(PhotoView.of(stored)))
                .orElseGet(PhotoController::noSuchCase);
    }

    @GetMapping
    ResponseEntity<?> list(@PathVariable UUID caseId, Caller caller) {
        return photos.list(caseId, caller)
                .<ResponseEntity<?>>map(
                        stored -> ResponseEntity.ok(stored.stream().map(PhotoView::of).toList()))
                .orElseGet(PhotoController::noSuchCase);
    }

    /**
     * The image itself, typed by what was stored (never by anything the uploader said), not to be
     * sniffed as anything else, shown inline and cached only by the caller's own browser.
     */
    @GetMapping("/{photoId}")
    ResponseEntity<?> fetch(@PathVariable UUID caseId, @PathVariable UUID photoId, Caller caller) {
        return photos.file(caseId, photoId, caller)
                .<ResponseEntity<?>>map(
                        file ->
                                ResponseEntity.ok()
                                        .contentType(
                                                MediaType.parseMediaType(
                                                        file.photo().type().mediaType()))
                                        .contentLength(file.content().length)
                                        .cacheControl(PRIVATE)
                                        .eTag("\"" + file.photo().sha256() + "\"")
                                        .header("X-Content-Type-Options", "nosniff")
                                        .header(
                                                HttpHeaders.CONTENT_DISPOSITION,
                                                ContentDisposition.inline()
                                                        .filename(
                                                                file.photo().id()
                                                                        + "."
                                                                        + file.photo()
                                                                                .type()
                                                                                .extension())
                                                        .build()
                                                        .toString())
                                        .header(
                                                "Content-Security-Policy",
                                                "default-src 'none'; sandbox")
                                        .body(file.content()))
                .orElseGet(
                        () ->
                                problem(
                                        HttpStatus.NOT_FOUND,
                                        null,
                                        "No photo was found with this id on this case."));
    }

    @ExceptionHandler(PhotoRefused.class)
    ResponseEntity<ProblemDetail> refused(PhotoRefused refused) {
        ResponseEntity<ProblemDetail> response =
                problem(refused.status(), refused.title(), refused.getMessage());
        if (refused.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            return ResponseEntity.status(refused.status())
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(response.getBody());
        }
        return response;
    }

    private static ResponseEntity<?> noSuchCase() {
        return problem(HttpStatus.NOT_FOUND, null, "No case was found with this id.");
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (title != null) {
            problem.setTitle(title);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String urlOf(StoredPhoto photo) {
        return "/api/cases/" + photo.caseId() + "/photos/" + photo.id();
    }

    /** What a caller is told about a photo; {@code url} fetches its bytes. */
    record PhotoView(
            UUID id,
            String contentType,
            int width,
            int height,
            int bytes,
            Instant uploadedAt,
            String url) {

        static PhotoView of(StoredPhoto photo) {
            return new PhotoView(
                    photo.id(),
                    photo.type().mediaType(),
                    photo.width(),
                    photo.height(),
                    photo.sizeBytes(),
                    photo.uploadedAt(),
                    urlOf(photo));
        }
    }
}
