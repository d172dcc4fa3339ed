-- One row per case ever counted, with how many times: reconciliation finds losses (missing rows)
-- and double counts (times_counted > 1) case by case.
CREATE TABLE contact (
    case_id       uuid PRIMARY KEY,
    channel       text        NOT NULL,
    service_code  text        NOT NULL,
    submitted_at  timestamptz NOT NULL,
    day           date        NOT NULL,
    times_counted integer     NOT NULL
);

-- Contacts per channel per Europe/London day.
CREATE TABLE channel_day (
    day      date   NOT NULL,
    channel  text   NOT NULL,
    contacts bigint NOT NULL,
    PRIMARY KEY (day, channel)
);
