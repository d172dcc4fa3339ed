package uk.gov.hertfordshire.care.referral;

import java.time.Instant;
import java.util.UUID;

/**
 * A closed referral as the retention rule lists it: codes and times, nothing about the person.
 *
 * @param status {@code completed} or {@code revoked}
 */
public record Closed(
        UUID referralId, String reference, String category, String status, Instant closedAt) {}
