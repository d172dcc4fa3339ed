package uk.gov.hertfordshire.content.authoring;

import java.time.Instant;
import java.util.UUID;

/**
 * One saved state of an item's text; never changed once written.
 *
 * @param authorStaffId who made it (SAP personnel number): the four-eyes rule compares these
 * @param note why, when the change says (a restore names the revision restored)
 */
record Revision(
        UUID itemId,
        int number,
        ItemContent content,
        String authorStaffId,
        String note,
        Instant createdAt) {}
