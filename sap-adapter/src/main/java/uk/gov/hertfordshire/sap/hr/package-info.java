/**
 * HR in: staff read from SAP SuccessFactors Employee Central by delta (changed at or after the
 * latest change already read) and published as {@code staff-member-changed} on {@code
 * sap.hr.events}, leavers included. Names and emails are never read, so never published.
 */
package uk.gov.hertfordshire.sap.hr;
