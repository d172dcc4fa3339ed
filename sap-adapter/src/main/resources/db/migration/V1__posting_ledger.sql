-- The posting ledger: one row per finance-relevant event, from its arrival to SAP's answer.
--   unmapped  no account mapping for its event and service yet; waits, never dropped
--   pending   to be posted (or looked up, after an unknown outcome) at next_attempt_at
--   posted    SAP's document number recorded
--   rejected  SAP refused it; sap_message says why, an administrator corrects and re-submits
CREATE TABLE posting (
    id                 uuid PRIMARY KEY,
    source_event_id    uuid        NOT NULL UNIQUE,
    source_event_type  text        NOT NULL,
    subject            text        NOT NULL,
    service_code       text        NOT NULL,
    amount_pence       bigint      NOT NULL CHECK (amount_pence > 0),
    currency           text        NOT NULL,
    posting_date       date        NOT NULL,
    company_code       text,
    gl_account         text,
    cost_centre        text,
    offset_gl_account  text,
    state              text        NOT NULL CHECK (state IN ('unmapped', 'pending', 'posted', 'rejected')),
    -- Journal entries sent to SAP for it. Counted up before each send, so after a crash or a
    -- timeout a non-zero count means "SAP may hold it": look it up by reference before sending.
    sends              integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    sap_document       text,
    sap_fiscal_year    text,
    sap_message        text,
    version            integer     NOT NULL DEFAULT 1,
    received_at        timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    posted_at          timestamptz,
    CHECK (state = 'unmapped' OR (company_code IS NOT NULL AND gl_account IS NOT NULL
                                  AND cost_centre IS NOT NULL AND offset_gl_account IS NOT NULL)),
    CHECK ((state = 'posted') = (sap_document IS NOT NULL))
);

CREATE INDEX posting_due ON posting (next_attempt_at) WHERE state = 'pending';
CREATE INDEX posting_by_state ON posting (state, received_at);
CREATE INDEX posting_posted_by_date ON posting (company_code, posting_date) WHERE state = 'posted';

-- Reconciliation runs, one row per run, and what each found.
CREATE TABLE reconciliation_run (
    id           uuid PRIMARY KEY,
    period       text        NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    started_at   timestamptz NOT NULL,
    checked      integer     NOT NULL,
    mismatches   integer     NOT NULL
);

-- How far the HR delta has read, per SAP entity: the last record published, in the order SAP
-- returns them (lastModifiedDateTime, then id). The next read asks for "at or after" its time and
-- skips what is not after it, so records sharing a millisecond are neither lost nor sent twice.
CREATE TABLE hr_delta (
    entity          text PRIMARY KEY,
    changed_since   timestamptz NOT NULL,
    last_id         text        NOT NULL
);
