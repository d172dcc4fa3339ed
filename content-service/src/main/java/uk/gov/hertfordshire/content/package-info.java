/**
 * Content items, revisions, workflow and channels (content-service): {@code authoring} (the typed
 * content model, revisions, the workflow and its scheduled publishing), {@code rendering}
 * (CommonMark to sanitised HTML, plain text and the publish gates), {@code delivery} (what each
 * channel serves, search and feedback) and {@code catalogue} (the service codes learned from
 * case-service).
 */
package uk.gov.hertfordshire.content;
