/**
 * The case itself, at the bottom of case-service: the status vocabulary ({@link
 * uk.gov.hertfordshire.cases.servicecase.CaseStatus}), the one shape of a case ({@link
 * uk.gov.hertfordshire.cases.servicecase.ServiceCase} with its {@link
 * uk.gov.hertfordshire.cases.servicecase.Location} and {@link
 * uk.gov.hertfordshire.cases.servicecase.Place}), and every statement against the {@code
 * service_case} table: {@link uk.gov.hertfordshire.cases.servicecase.CaseRepository} (store, find,
 * change, and {@link uk.gov.hertfordshire.cases.servicecase.CaseRepository#lock the one way to lock
 * a case}), and the read models over it ({@link uk.gov.hertfordshire.cases.servicecase.CaseLists}
 * for queues, {@link uk.gov.hertfordshire.cases.servicecase.NearbyCases} for likely duplicates,
 * {@link uk.gov.hertfordshire.cases.servicecase.PublishedCases} for Open311).
 *
 * <p>It depends on no other package of case-service, and every feature package may depend on it;
 * {@code ArchitectureTest} keeps it that way and keeps the packages free of cycles.
 */
package uk.gov.hertfordshire.cases.servicecase;
