-- A claim is leased, so a key whose process died mid-request is free again after the lease;
-- committed records, in the business transaction, that the work was done, so a failure after the
-- commit never frees the key for a second run; body_withheld marks a response that carried a
-- secret (Cache-Control: no-store) and was not kept.
ALTER TABLE platform.idempotency_key
    ADD COLUMN lease_expires_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN committed        boolean     NOT NULL DEFAULT false,
    ADD COLUMN body_withheld    boolean     NOT NULL DEFAULT false;
