package uk.gov.hertfordshire.cases.photos;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored photo's facts, without its bytes.
 *
 * @param sha256 hex digest of the stored (re-encoded) bytes
 * @param uploadedBy who uploaded it ({@code Caller.id()}: issuer and subject)
 */
record StoredPhoto(
        UUID id,
        UUID caseId,
        PhotoType type,
        int sizeBytes,
        int width,
        int height,
        String sha256,
        String uploadedBy,
        Instant uploadedAt) {}
