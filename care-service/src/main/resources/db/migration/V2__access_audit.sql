-- Every read and write of a referral: who, when, which record, why. Append-only twice over: the
-- role the service runs as (${runtime_role}) may only INSERT and SELECT here, and a trigger refuses
-- UPDATE, DELETE and TRUNCATE to every role, the owner included (ADR 12).
CREATE TABLE access_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    referral_id uuid,
    purpose     text        NOT NULL
);

CREATE INDEX access_audit_referral ON access_audit (referral_id, at);

CREATE FUNCTION access_audit_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'access_audit is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER access_audit_no_update_or_delete
    BEFORE UPDATE OR DELETE ON access_audit
    FOR EACH ROW EXECUTE FUNCTION access_audit_is_append_only();

CREATE TRIGGER access_audit_no_truncate
    BEFORE TRUNCATE ON access_audit
    FOR EACH STATEMENT EXECUTE FUNCTION access_audit_is_append_only();

-- What the service's own role may do. The owner (this migration's role) keeps DDL to itself.
REVOKE ALL ON access_audit FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ${runtime_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON referral, referral_decision, referral_clock, practitioner
    TO ${runtime_role};
GRANT USAGE, SELECT ON SEQUENCE referral_reference_seq TO ${runtime_role};
GRANT SELECT, INSERT ON access_audit TO ${runtime_role};

-- The shared library's outbox, inbox and idempotency tables (schema platform, migrated first).
GRANT USAGE ON SCHEMA platform TO ${runtime_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA platform TO ${runtime_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA platform TO ${runtime_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA platform
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${runtime_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA platform GRANT USAGE, SELECT ON SEQUENCES TO ${runtime_role};
