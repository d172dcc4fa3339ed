-- Commitments beside journal entries: a care package commissioned from a provider is a purchase
-- order against the provider as supplier (weeks at a weekly price, valid from the first day of
-- care to the last), not cash received. It has no offset account; it has a supplier.
ALTER TABLE posting
    ADD COLUMN document_kind text NOT NULL DEFAULT 'journal-entry'
        CHECK (document_kind IN ('journal-entry', 'commitment')),
    ADD COLUMN supplier      text,
    ADD COLUMN weekly_pence  bigint CHECK (weekly_pence > 0),
    ADD COLUMN valid_to      date;

-- V1's unnamed check (PostgreSQL named it posting_check) required an offset account of every
-- mapped row; a commitment needs a supplier, its weekly price and its end instead.
ALTER TABLE posting DROP CONSTRAINT posting_check;
ALTER TABLE posting ADD CONSTRAINT posting_accounts_when_mapped CHECK (
    state = 'unmapped'
    OR (company_code IS NOT NULL AND gl_account IS NOT NULL AND cost_centre IS NOT NULL
        AND CASE document_kind
                WHEN 'journal-entry' THEN offset_gl_account IS NOT NULL
                ELSE supplier IS NOT NULL
            END));
ALTER TABLE posting ADD CONSTRAINT posting_commitment_terms CHECK (
    document_kind = 'journal-entry' OR (weekly_pence IS NOT NULL AND valid_to IS NOT NULL));
