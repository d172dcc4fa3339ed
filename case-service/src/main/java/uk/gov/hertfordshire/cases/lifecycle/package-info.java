/**
 * The case lifecycle: the state machine ({@link CaseAction} over {@code servicecase.CaseStatus}),
 * staff actions on a case with their events, public updates and internal notes, and a leaver's open
 * cases returned to their team's queue ({@link LeaversCases}).
 */
package uk.gov.hertfordshire.cases.lifecycle;
