/**
 * The case lifecycle: the state machine ({@link CaseAction} over {@code servicecase.CaseStatus}),
 * staff actions on a case with their events, public updates and internal notes.
 */
package uk.gov.hertfordshire.cases.lifecycle;
