/**
 * Writing content: the typed content model and its per-type rules ({@code ItemRules}), revisions
 * (every change is one; list, show, compare, restore), the workflow's state machine ({@link
 * uk.gov.hertfordshire.content.authoring.ContentAction}) with the four-eyes rule, {@code If-Match}
 * on every write and the publish gates, and the publication watch that fires schedules. The one
 * package that writes {@code content_item} and {@code content_revision}.
 */
package uk.gov.hertfordshire.content.authoring;
