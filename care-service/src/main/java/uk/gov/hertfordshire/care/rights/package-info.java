/**
 * Data subjects' rights over care data: the subject access export of everything held about one
 * person. Public API: {@link uk.gov.hertfordshire.care.rights.SubjectAccess}.
 */
package uk.gov.hertfordshire.care.rights;
