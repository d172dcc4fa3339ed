-- One row per care referral and generation, from care.events: who referred, what for, the
-- decision and which statutory clocks were breached. Ids and codes only, as the events carry.
CREATE TABLE care_referral_fact (
    generation      integer     NOT NULL,
    referral_id     uuid        NOT NULL,
    agency_id       text,
    category        text,
    received_at     timestamptz,
    outcome         text,
    decided_at      timestamptz,
    breached_clocks text[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (generation, referral_id)
);
