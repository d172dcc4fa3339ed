/**
 * Channel shift: every case is a contact through one channel; contacts are counted per channel and
 * per Europe/London day from {@code cases.events}. Each case is also kept with how many times it
 * was counted, so a loss or a double count can be reconciled case by case.
 */
package uk.gov.hertfordshire.analytics.channelshift;
