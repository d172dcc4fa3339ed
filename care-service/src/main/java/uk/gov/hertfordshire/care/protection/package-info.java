/**
 * Protection of care data: AES-256-GCM sealing of identifying and special-category fields with keys
 * from a file outside the database, keyed hashes for lookups, and the append-only access audit
 * (ADRs 11 and 12).
 */
package uk.gov.hertfordshire.care.protection;
