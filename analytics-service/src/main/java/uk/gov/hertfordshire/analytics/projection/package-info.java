/**
 * Projections in generations: the live path applies each event (through the idempotent inbox) to
 * every generation that is serving or being built; a rebuild reads the log from its start up to a
 * cut-off into a new generation, without the inbox, and then switches what the API serves in one
 * transaction (ADR 9). Streams plug in as {@link
 * uk.gov.hertfordshire.analytics.projection.Projector} beans, and write a batch with one statement
 * per table, its rows passed as {@link uk.gov.hertfordshire.analytics.projection.Columns}.
 */
package uk.gov.hertfordshire.analytics.projection;
