/**
 * The practitioner directory: the care staff (role codes {@code PRACTITIONER} and {@code
 * CARE_MANAGER}) as SAP HR last described them, kept from {@code sap.hr.events} through the
 * idempotent inbox (consumer group {@code care-service}), as case-service keeps its officers.
 * Referrals are assigned only to active practitioners in it; a leaver's change is passed to the
 * {@link uk.gov.hertfordshire.care.practitioner.PractitionerDirectory.ChangeListener}s.
 */
package uk.gov.hertfordshire.care.practitioner;
