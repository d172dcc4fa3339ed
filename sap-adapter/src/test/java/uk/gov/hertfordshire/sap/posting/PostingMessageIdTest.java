package uk.gov.hertfordshire.sap.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every send of a posting carries the same SAP message id, derived from the posting, and a
 * corrected posting (re-submitted, a new version) a new one.
 */
class PostingMessageIdTest {

    @Test
    void everySendOfAPostingCarriesTheSameMessageId() {
        UUID id = UUID.randomUUID();

        UUID first = fee(id, 1).journalEntry().messageId();
        UUID again = fee(id, 1).journalEntry().messageId();

        assertThat(again).isEqualTo(first);
        assertThat(fee(id, 2).journalEntry().messageId())
                .as("a corrected posting is a new message")
                .isNotEqualTo(first);
        assertThat(fee(UUID.randomUUID(), 1).journalEntry().messageId())
                .as("positive control: another posting has another id")
                .isNotEqualTo(first);
    }

    private static Posting fee(UUID id, int version) {
        return new Posting(
                id,
                UUID.fromString("7d0c6c2e-5d1a-4a7e-9c43-3b1f0e2a9d11"),
                "uk.gov.hertfordshire.case.fee-paid.v1",
                "case-1",
                "blue-badge",
                1_000,
                "GBP",
                LocalDate.of(2026, 9, 14),
                "HCC1",
                "41002000",
                "CC4107",
                "11002000",
                PostingState.PENDING,
                1,
                Instant.parse("2026-09-14T10:15:00Z"),
                null,
                null,
                null,
                version,
                Instant.parse("2026-09-14T10:15:00Z"),
                null,
                false,
                null,
                null,
                null);
    }
}
