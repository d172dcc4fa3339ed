-- Referrals. Identifying and special-category details live only in "protected" (AES-256-GCM,
-- sealed with the key named inside it, bound to the row's id); what is needed to find, count and
-- route a referral stays in plain columns as codes. NHS number and name with date of birth are
-- findable only through keyed hashes (HMAC-SHA-256 with a key outside the database).
CREATE SEQUENCE referral_reference_seq;

CREATE TABLE referral (
    id                  uuid PRIMARY KEY,
    reference           text        NOT NULL UNIQUE,
    agency_id           text        NOT NULL,
    referrer_system     text,
    referrer_value      text,
    age_group           text        NOT NULL CHECK (age_group IN ('adult', 'child')),
    category            text        NOT NULL,
    priority            text        NOT NULL,
    source_code         text        NOT NULL,
    primary_need_code   text,
    consent             text        NOT NULL CHECK (consent IN ('given', 'refused', 'not_sought')),
    article6            text        NOT NULL,
    article9            text,
    schedule1_condition text,
    nhs_number_hash     bytea,
    person_hash         bytea,
    protected           bytea,
    key_id              text,
    status              text        NOT NULL DEFAULT 'active'
                                    CHECK (status IN ('active', 'completed', 'revoked')),
    received_at         timestamptz NOT NULL,
    recorded_by         text        NOT NULL,
    repeat_of           uuid REFERENCES referral (id),
    assigned_staff_id   text,
    closed_at           timestamptz,
    anonymised_at       timestamptz,
    CONSTRAINT referral_referrer_identifier UNIQUE (agency_id, referrer_system, referrer_value)
);

CREATE INDEX referral_nhs_number_hash ON referral (nhs_number_hash);
CREATE INDEX referral_person_hash ON referral (person_hash);
CREATE INDEX referral_key_id ON referral (key_id);

-- A practitioner proposes, a care manager decides; reasons are narrative, so sealed too.
CREATE TABLE referral_decision (
    referral_id      uuid PRIMARY KEY REFERENCES referral (id),
    proposed_outcome text        NOT NULL,
    proposed_reason  bytea       NOT NULL,
    proposed_by      text        NOT NULL,
    proposed_at      timestamptz NOT NULL,
    decided_outcome  text,
    decided_reason   bytea,
    decided_by       text,
    decided_at       timestamptz,
    -- the key both reasons are sealed under; the older one's when they differ, so rotation finds it
    key_id           text        NOT NULL
);

CREATE INDEX referral_decision_key_id ON referral_decision (key_id);

-- Statutory clocks: one row per referral and kind, flagged once when approaching and breached.
CREATE TABLE referral_clock (
    referral_id    uuid        NOT NULL REFERENCES referral (id),
    kind           text        NOT NULL,
    started_at     timestamptz NOT NULL,
    due_at         timestamptz NOT NULL,
    approaching_at timestamptz,
    breached_at    timestamptz,
    stopped_at     timestamptz,
    PRIMARY KEY (referral_id, kind)
);

CREATE INDEX referral_clock_running ON referral_clock (due_at) WHERE stopped_at IS NULL;

-- Practitioners and care managers as SAP HR last described them.
CREATE TABLE practitioner (
    staff_id   text PRIMARY KEY,
    team_code  text        NOT NULL,
    roles      text[]      NOT NULL,
    active     boolean     NOT NULL,
    changed_at timestamptz NOT NULL
);
