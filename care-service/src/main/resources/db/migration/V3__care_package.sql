-- Packages of care commissioned for a referral: provider and cost, nothing about the person.
CREATE TABLE care_package (
    id                uuid PRIMARY KEY,
    referral_id       uuid        NOT NULL REFERENCES referral (id),
    provider_code     text        NOT NULL,
    weekly_cost_pence bigint      NOT NULL CHECK (weekly_cost_pence > 0),
    currency          text        NOT NULL CHECK (currency = 'GBP'),
    start_date        date        NOT NULL,
    end_date          date CHECK (end_date IS NULL OR end_date >= start_date),
    commissioned_by   text        NOT NULL,
    commissioned_at   timestamptz NOT NULL
);

CREATE INDEX care_package_referral ON care_package (referral_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON care_package TO ${runtime_role};
