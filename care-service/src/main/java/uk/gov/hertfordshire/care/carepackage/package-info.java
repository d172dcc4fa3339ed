/**
 * Packages of care: a care manager commissions one (provider, weekly cost, start, end) for a
 * referral decided for action, and {@code uk.gov.hertfordshire.care.package-commissioned.v1}
 * carries it to sap-adapter as a finance commitment. Public API: {@link
 * uk.gov.hertfordshire.care.carepackage.CarePackages}.
 */
package uk.gov.hertfordshire.care.carepackage;
