/**
 * Photos of a case: uploaded by whoever may read the case, accepted only if the bytes decode
 * completely as the JPEG or PNG they claim to be, re-encoded from the decoded pixels so that no
 * metadata (EXIF, GPS, comments, trailing data) is kept, stored in PostgreSQL and served back to
 * those who may read the case. Who may read a case is decided by {@link
 * uk.gov.hertfordshire.cases.submission.CaseSubmissionService#find}.
 */
package uk.gov.hertfordshire.cases.photos;
