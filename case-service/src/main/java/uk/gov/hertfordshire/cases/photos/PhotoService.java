package uk.gov.hertfordshire.cases.photos;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import uk.gov.hertfordshire.cases.servicecase.CaseRepository;
import uk.gov.hertfordshire.cases.submission.CaseSubmissionService;
import uk.gov.hertfordshire.platform.security.Caller;

/**
 * Adds photos to a case and reads them back, for callers who may read the case. A case the caller
 * may not read is answered as absent, like one that does not exist.
 */
@Service
class PhotoService {

    /** A photo's bytes as served, with what the response needs to describe them. */
    record PhotoFile(StoredPhoto photo, byte[] content) {}

    private final CaseSubmissionService cases;
    private final CaseRepository caseRows;
    private final PhotoRepository photos;
    private final PhotoSanitiser sanitiser;
    private final PhotoProperties limits;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PhotoService(
            CaseSubmissionService cases,
            CaseRepository caseRows,
            PhotoRepository photos,
            PhotoSanitiser sanitiser,
            PhotoProperties limits,
            TransactionTemplate transaction,
            Clock clock) {
        this.cases = cases;
        this.caseRows = caseRows;
        this.photos = photos;
        this.sanitiser = sanitiser;
        this.limits = limits;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Checks, cleans and stores a photo on the case. Decoding happens outside the transaction, so
     * no database connection waits on it; the upload is read into memory only once there is room
     * for it.
     *
     * @return the stored photo, or empty if the caller may not read the case (or it does not exist)
     * @throws PhotoRefused if the photo is not accepted or the case has all the photos it may have
     */
    Optional<StoredPhoto> upload(
            UUID caseId, String contentType, long size, InputStreamSource upload, Caller uploader) {
        if (cases.findAsReporterOrStaff(caseId, uploader).isEmpty()) {
            return Optional.empty();
        }
        requireRoom(photos.countFor(caseId));
        return Optional.of(
                sanitiser.sanitise(
                        contentType, size, upload, clean -> store(caseId, clean, uploader)));
    }

    private StoredPhoto store(UUID caseId, PhotoSanitiser.CleanPhoto clean, Caller uploader) {
        StoredPhoto photo =
                new StoredPhoto(
                        UUID.randomUUID(),
                        caseId,
                        clean.type(),
                        clean.bytes().length,
                        clean.width(),
                        clean.height(),
                        sha256(clean.bytes()),
                        uploader.id(),
                        Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        transaction.executeWithoutResult(
                status -> {
                    // two uploads to one case cannot both see room for one more photo
                    caseRows.lock(caseId).orElseThrow();
                    requireRoom(photos.countFor(caseId));
                    photos.insert(photo, clean.bytes());
                });
        return photo;
    }

    /** The case's photos, oldest first; empty if the caller may not read the case. */
    Optional<List<StoredPhoto>> list(UUID caseId, Caller reader) {
        if (cases.findAsReporterOrStaff(caseId, reader).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(photos.listFor(caseId));
    }

    /**
     * One photo of the case with its bytes; empty if there is none or the caller may not see it.
     */
    Optional<PhotoFile> file(UUID caseId, UUID photoId, Caller reader) {
        if (cases.findAsReporterOrStaff(caseId, reader).isEmpty()) {
            return Optional.empty();
        }
        return photos.find(caseId, photoId)
                .map(photo -> new PhotoFile(photo, photos.content(photo.id())));
    }

    private void requireRoom(int stored) {
        if (stored >= limits.maxPerCase()) {
            throw new PhotoRefused(
                    HttpStatus.CONFLICT,
                    "Too many photos",
                    "This case already has "
                            + stored
                            + " photos; a case may have at most "
                            + limits.maxPerCase()
                            + ".");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
