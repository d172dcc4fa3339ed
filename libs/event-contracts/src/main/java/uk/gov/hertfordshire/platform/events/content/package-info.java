/** Events published by content-service on {@code content.events}. */
package uk.gov.hertfordshire.platform.events.content;
