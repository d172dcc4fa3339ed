package uk.gov.hertfordshire.cases.lifecycle;

import java.time.Instant;
import java.util.UUID;

/**
 * A case as the lifecycle sees it, read under a row lock before it is changed.
 *
 * @param submittedBy who reported it ({@code Caller.id()})
 * @param dueAt when its response target falls due, or null for cases stored before targets
 */
record CaseRecord(
        UUID id,
        String serviceCode,
        CaseStatus status,
        String submittedBy,
        Instant submittedAt,
        Instant dueAt,
        String teamCode,
        String assigneeStaffId,
        UUID duplicateOf) {}
