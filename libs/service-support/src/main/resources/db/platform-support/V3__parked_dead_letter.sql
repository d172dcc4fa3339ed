-- A dead letter that failed again on replay (a malformed event always does) is parked here, with
-- why, so the replay goes on past it; the next replay tries it again and removes it once handled.
CREATE TABLE platform.parked_dead_letter (
    consumer_group text        NOT NULL,
    topic          text        NOT NULL,
    dlt_partition  integer     NOT NULL,
    dlt_offset     bigint      NOT NULL,
    record_key     text,
    record_value   bytea,
    record_headers jsonb       NOT NULL,
    error          text        NOT NULL,
    attempts       integer     NOT NULL DEFAULT 1,
    parked_at      timestamptz NOT NULL DEFAULT now(),
    last_tried_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, topic, dlt_partition, dlt_offset)
);
