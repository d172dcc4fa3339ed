/**
 * The officer directory: who can be assigned cases, in which team. Kept up to date from SAP HR's
 * {@code sap.hr.events} through the idempotent inbox; case-service never asks SAP directly.
 */
package uk.gov.hertfordshire.cases.directory;
