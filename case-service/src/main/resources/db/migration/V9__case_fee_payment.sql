-- A service's fee paid through the payment provider (GOV.UK Pay): only the provider's payment id,
-- never card data. One fee per case; a payment id pays for one case only.
CREATE TABLE case_fee_payment (
    case_id           uuid PRIMARY KEY REFERENCES service_case (id),
    provider          text        NOT NULL,
    payment_reference text        NOT NULL CHECK (payment_reference ~ '^[A-Za-z0-9_-]{1,64}$'),
    amount_pence      integer     NOT NULL CHECK (amount_pence > 0),
    paid_at           timestamptz NOT NULL,
    recorded_by       text        NOT NULL,
    UNIQUE (provider, payment_reference)
);
