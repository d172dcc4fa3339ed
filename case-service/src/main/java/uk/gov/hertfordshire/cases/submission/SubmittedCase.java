package uk.gov.hertfordshire.cases.submission;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * A case as it stands.
 *
 * @param place the address and UPRN given, if any ({@link Place#NONE} otherwise)
 * @param submittedBy who submitted it ({@code Caller.id()}: issuer and subject), or null for cases
 *     stored before submitters were recorded
 * @param dueAt when its response target falls due, or null for cases stored before targets
 * @param teamCode the team it is assigned to, or null
 * @param assigneeStaffId the officer it is assigned to, or null
 * @param updatedAt when staff last acted on it, or null if they have not
 * @param answers the reporter's answers to the service's questions, by attribute code
 */
public record SubmittedCase(
        UUID id,
        String serviceCode,
        Channel channel,
        String description,
        Location location,
        Place place,
        String status,
        Instant submittedAt,
        String submittedBy,
        Instant dueAt,
        String teamCode,
        String assigneeStaffId,
        Instant updatedAt,
        Map<String, List<String>> answers) {

    public SubmittedCase {
        place = place == null ? Place.NONE : place;
        answers = answers == null ? Map.of() : answers;
    }
}
