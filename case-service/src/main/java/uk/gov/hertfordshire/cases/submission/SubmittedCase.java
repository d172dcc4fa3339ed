package uk.gov.hertfordshire.cases.submission;

import java.time.Instant;
import java.util.UUID;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * A case as it stands after submission.
 *
 * @param submittedBy who submitted it ({@code Caller.id()}: issuer and subject), or null for cases
 *     stored before submitters were recorded
 */
public record SubmittedCase(
        UUID id,
        String serviceCode,
        Channel channel,
        String description,
        Location location,
        String status,
        Instant submittedAt,
        String submittedBy,
        Instant dueAt) {}
