-- Tables of the shared service-support library. They live in schema "platform" with a history table
-- of their own, so their versions never collide with a service's own Flyway migrations.

CREATE TABLE platform.outbox (
    id           bigserial PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    event_type   text        NOT NULL,
    headers      jsonb       NOT NULL,
    payload      bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text
);
-- The relay reads unsent rows in write order; the partial index keeps that cheap however many
-- sent rows wait for clean-up.
CREATE INDEX outbox_unsent ON platform.outbox (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON platform.outbox (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE platform.inbox (
    consumer_group text        NOT NULL,
    event_id       uuid        NOT NULL,
    event_type     text        NOT NULL,
    topic          text        NOT NULL,
    kafka_partition integer    NOT NULL,
    kafka_offset   bigint      NOT NULL,
    processed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);

CREATE TABLE platform.idempotency_key (
    principal        text        NOT NULL,
    idempotency_key  text        NOT NULL,
    request_hash     text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('IN_FLIGHT', 'COMPLETED')),
    response_status  integer,
    response_headers jsonb,
    response_body    bytea,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotency_key_expires_at ON platform.idempotency_key (expires_at);
