/**
 * Community contributions: citizens submit listings of local groups and events into the moderation
 * queue (the authoring workflow's review, where publishers approve or reject with a reason), and
 * see their own; the contributor's identity stays in this package's table and never reaches a
 * channel. Reports of a live listing are taken in {@code delivery}.
 */
package uk.gov.hertfordshire.content.community;
