/**
 * The service codes content can answer, learned from case-service's {@code
 * service-definition-changed} events through the inbox ({@link
 * uk.gov.hertfordshire.content.catalogue.KnownServices}).
 */
package uk.gov.hertfordshire.content.catalogue;
