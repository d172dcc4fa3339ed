/**
 * Content items, revisions, workflow and channels (content-service). Its features arrive with the
 * content issue; the service already runs with the outbox, inbox and topics wired.
 */
package uk.gov.hertfordshire.content;
