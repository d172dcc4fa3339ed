/**
 * Care referrals counted from {@code care.events}: by agency, category and decision, and their
 * timeliness against the statutory clocks (the GOV.UK performance measures for this service). Ids
 * and codes only, as the events carry.
 */
package uk.gov.hertfordshire.analytics.care;
