package uk.gov.hertfordshire.cases.lifecycle;

import java.time.Instant;
import java.util.UUID;
import uk.gov.hertfordshire.cases.servicecase.CaseStatus;

/**
 * Something said or done on a case. A public update is shown to the citizen and over Open311; an
 * internal note ({@code isPublic == false}) only to staff.
 *
 * @param status the case's status after this update
 * @param description what was said, or null for a bare status change
 * @param author who wrote it ({@code Caller.id()})
 */
public record CaseUpdate(
        UUID id,
        UUID caseId,
        CaseStatus status,
        String description,
        boolean isPublic,
        String author,
        Instant createdAt) {}
