/**
 * The first channel-shift queries: contacts per channel over a date range, and the per-case ledger
 * (each case with how many times it was counted) that the reconciliation run reads.
 */
package uk.gov.hertfordshire.analytics.channelshift;
