package uk.gov.hertfordshire.cases.servicecase;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.gov.hertfordshire.platform.events.Channel;

/**
 * A case as it stands: the one shape of a {@code service_case} row that the rest of case-service
 * reads, changes and locks.
 *
 * @param place the address and UPRN given, if any ({@link Place#NONE} otherwise)
 * @param submittedBy who submitted it ({@code Caller.id()}: issuer and subject), or null for cases
 *     stored before submitters were recorded
 * @param dueAt when its response target falls due, or null for cases stored before targets
 * @param teamCode the team it is assigned to, or null
 * @param assigneeStaffId the officer it is assigned to, or null
 * @param duplicateOf the case this one was merged into, or null
 * @param updatedAt when staff last acted on it, or null if they have not
 * @param answers the reporter's answers to the service's questions, by attribute code
 */
public record ServiceCase(
        UUID id,
        String serviceCode,
        Channel channel,
        String description,
        Location location,
        Place place,
        CaseStatus status,
        Instant submittedAt,
        String submittedBy,
        Instant dueAt,
        String teamCode,
        String assigneeStaffId,
        UUID duplicateOf,
        Instant updatedAt,
        Map<String, List<String>> answers) {

    public ServiceCase {
        place = place == null ? Place.NONE : place;
        answers = answers == null ? Map.of() : answers;
    }

    /**
     * A case as it is first stored: status {@code submitted}, unassigned, untouched by staff.
     *
     * @param answers the answers to the service's questions, or null for none
     */
    public static ServiceCase submitted(
            String serviceCode,
            Channel channel,
            String description,
            Location location,
            Place place,
            Instant submittedAt,
            String submittedBy,
            Instant dueAt,
            Map<String, List<String>> answers) {
        return new ServiceCase(
                UUID.randomUUID(),
                serviceCode,
                channel,
                description,
                location,
                place,
                CaseStatus.SUBMITTED,
                submittedAt,
                submittedBy,
                dueAt,
                null,
                null,
                null,
                null,
                answers);
    }
}
