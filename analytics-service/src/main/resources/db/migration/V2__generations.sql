-- Projections in generations (ADR 9): every projection row carries the generation it belongs to.
-- The API serves exactly one generation; a rebuild fills a new one from the start of the log beside
-- it, then a single UPDATE switches what is served. Live events go to every generation that is
-- serving or building, so nothing that arrives during a rebuild is missed.

CREATE TABLE projection_generation (
    generation      integer PRIMARY KEY,
    state           text        NOT NULL CHECK (state IN ('building', 'serving', 'retired', 'abandoned')),
    requested_by    text        NOT NULL,
    started_at      timestamptz NOT NULL,
    heartbeat_at    timestamptz,
    switched_at     timestamptz,
    events_to_read  bigint      NOT NULL DEFAULT 0,
    events_read     bigint      NOT NULL DEFAULT 0,
    events_skipped  bigint      NOT NULL DEFAULT 0,
    failure         text
);
CREATE UNIQUE INDEX projection_generation_one_serving ON projection_generation ((true)) WHERE state = 'serving';
CREATE UNIQUE INDEX projection_generation_one_building ON projection_generation ((true)) WHERE state = 'building';

-- Where a rebuild stops reading: each partition's end offset when it started. Everything after it
-- reaches the new generation through the live path.
CREATE TABLE generation_cutoff (
    generation      integer NOT NULL REFERENCES projection_generation (generation),
    topic           text    NOT NULL,
    kafka_partition integer NOT NULL,
    begin_offset    bigint  NOT NULL,
    end_offset      bigint  NOT NULL,
    PRIMARY KEY (generation, topic, kafka_partition)
);

-- Each event applied to a generation, once: the rebuild and the live path may both see an event
-- (and the log may hold it twice); only the first counts.
CREATE TABLE applied_event (
    generation integer NOT NULL,
    event_id   uuid    NOT NULL,
    PRIMARY KEY (generation, event_id)
);

-- Contacts (a case submitted, or a "me too" on an existing case) per Europe/London day, service
-- and channel.
CREATE TABLE contact_day (
    generation   integer NOT NULL,
    day          date    NOT NULL,
    service_code text    NOT NULL,
    channel      text    NOT NULL,
    contacts     bigint  NOT NULL,
    PRIMARY KEY (generation, day, service_code, channel)
);

-- One row per case: what is known of it so far. Every column is set by the events that carry it,
-- newest fact (by the time it happened) winning, so the row ends the same whatever order the
-- events were applied in.
CREATE TABLE case_fact (
    generation        integer NOT NULL,
    case_id           uuid    NOT NULL,
    service_code      text,
    channel           text,
    area              text,
    submitted_at      timestamptz,
    submitted_day     date,
    times_counted     integer NOT NULL DEFAULT 0,
    due_at            timestamptz,
    due_set_at        timestamptz,
    status            text,
    status_at         timestamptz,
    team_code         text,
    team_at           timestamptz,
    resolved_at       timestamptz,
    resolved_day      date,
    resolve_due_at    timestamptz,
    resolve_seconds   bigint,
    reopened_at       timestamptz,
    PRIMARY KEY (generation, case_id)
);
CREATE INDEX case_fact_submitted ON case_fact (generation, submitted_day);
CREATE INDEX case_fact_resolved ON case_fact (generation, resolved_day);

-- One-off happenings counted per Europe/London day: target breaches, reopenings, fees paid... and,
-- as their streams arrive, content self-service resolutions, care referrals and SAP postings.
-- dimension is the service code for case events; amount is in pence where there is one.
CREATE TABLE daily_count (
    generation integer NOT NULL,
    day        date    NOT NULL,
    measure    text    NOT NULL,
    dimension  text    NOT NULL,
    n          bigint  NOT NULL,
    amount     bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (generation, day, measure, dimension)
);

-- The service catalogue as case-service announces it (names, groups, teams). A case whose service
-- code is not here is reported under "unknown".
CREATE TABLE service_definition (
    generation         integer NOT NULL,
    service_code       text    NOT NULL,
    name               text    NOT NULL,
    service_group      text,
    team_code          text,
    public_realm       boolean,
    available_online   boolean,
    available_open311  boolean,
    fee_pence          bigint,
    response_target    integer,
    response_unit      text,
    withdrawn          boolean NOT NULL DEFAULT false,
    changed_at         timestamptz NOT NULL,
    PRIMARY KEY (generation, service_code)
);

-- What was counted before generations existed becomes generation 1, served.
INSERT INTO projection_generation (generation, state, requested_by, started_at, switched_at)
VALUES (1, 'serving', 'migration V2', now(), now());
INSERT INTO case_fact (generation, case_id, service_code, channel, area, submitted_at, submitted_day,
                       times_counted, status, status_at)
SELECT 1, case_id, service_code, channel, 'unknown area', submitted_at, day, times_counted,
       'submitted', submitted_at
FROM contact;
INSERT INTO contact_day (generation, day, service_code, channel, contacts)
SELECT 1, day, service_code, channel, sum(times_counted) FROM contact GROUP BY day, service_code, channel;
DROP TABLE contact;
DROP TABLE channel_day;
