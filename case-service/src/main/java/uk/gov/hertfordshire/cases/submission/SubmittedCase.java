package uk.gov.hertfordshire.cases.submission;

import java.time.Instant;
import java.util.UUID;
import uk.gov.hertfordshire.platform.events.Channel;

/** A case as it stands after submission. */
public record SubmittedCase(
        UUID id,
        String serviceCode,
        Channel channel,
        String description,
        Location location,
        String status,
        Instant submittedAt) {}
