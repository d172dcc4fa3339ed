-- Retention: a closed referral past the retention period keeps its codes and times (for the
-- statutory returns and the audit trail) and loses everything that identifies the person; its
-- decision's sealed reasons go too, so they may now be empty.
ALTER TABLE referral_decision
    ALTER COLUMN proposed_reason DROP NOT NULL,
    ALTER COLUMN key_id DROP NOT NULL;

CREATE INDEX referral_closed_not_anonymised ON referral (closed_at)
    WHERE closed_at IS NOT NULL AND anonymised_at IS NULL;

-- Which hours of the access audit have been published as counts (once across replicas: the
-- period's row and the outbox row commit together).
CREATE TABLE access_audit_count_period (
    period_start timestamptz PRIMARY KEY,
    published_at timestamptz NOT NULL
);

GRANT SELECT, INSERT ON access_audit_count_period TO ${runtime_role};
