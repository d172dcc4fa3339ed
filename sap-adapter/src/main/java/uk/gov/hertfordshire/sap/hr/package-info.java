/**
 * HR in: staff and org units (teams) read from SAP SuccessFactors Employee Central by delta
 * (changed at or after the latest change already read, each entity with its own mark in {@code
 * hr_delta}) and published as {@code staff-member-changed} and {@code org-unit-changed} on {@code
 * sap.hr.events}, leavers and wound-up teams included; and swept whole each night, publishing the
 * records whose content differs from what was last published (a change SAP made visible later than
 * the delta's overlap). Names and emails are never read, so never published.
 */
package uk.gov.hertfordshire.sap.hr;
