package uk.gov.hertfordshire.content.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * Which revision of an item a channel serves at a path, with everything besides the revision's text
 * that its rendition shows: the path and the time it went live (an unpublished revision approved
 * again is the same revision, live from a new time). Together with the channel, this names one
 * rendition ({@link PageCache}).
 */
record LiveRef(UUID id, String path, int revision, Instant publishedAt) {}
