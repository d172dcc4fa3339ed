/**
 * Likely duplicates: open cases of the same public-realm service near a new report, and "me too" (a
 * citizen joins an existing case instead of reporting it again). Staff merge duplicates with the
 * lifecycle's mark-duplicate action.
 */
package uk.gov.hertfordshire.cases.duplicates;
