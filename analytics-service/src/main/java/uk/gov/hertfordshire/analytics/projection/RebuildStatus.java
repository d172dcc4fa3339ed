package uk.gov.hertfordshire.analytics.projection;

import java.time.Instant;

/**
 * One generation and how far its rebuild got.
 *
 * @param generation the generation number
 * @param state building, serving, retired or abandoned
 * @param requestedBy who asked for it
 * @param startedAt when the rebuild started
 * @param heartbeatAt when it last made progress
 * @param switchedAt when the API started serving it, or null
 * @param eventsToRead records between the start of the log and the cut-off
 * @param eventsRead records read so far
 * @param eventsSkipped records read that could not be applied (the live path dead-letters them)
 * @param failure why it was abandoned, or null
 */
public record RebuildStatus(
        int generation,
        String state,
        String requestedBy,
        Instant startedAt,
        Instant heartbeatAt,
        Instant switchedAt,
        long eventsToRead,
        long eventsRead,
        long eventsSkipped,
        String failure) {}
