-- The HR full sweep (ADR 44): once a night every User and FODepartment is read whole, and a record
-- whose content differs from what was last published of it is published. That catches a change
-- SuccessFactors made visible later than the delta's overlap, which the delta never reads again.
--
-- hr_delta_published now keeps one row per record for good (it held only the overlap's few
-- minutes): the change time last published and a SHA-256 of the content published (the event's
-- fields but its time), which the sweep compares with. A row the previous version wrote has no hash;
-- the sweep then compares change times. The previous version still deletes rows older than its
-- overlap while both run during a rolling upgrade; a record without a row is published by the next
-- sweep, once.
ALTER TABLE hr_delta_published ADD COLUMN content_sha256 bytea;
CREATE INDEX hr_delta_published_changed ON hr_delta_published (entity, changed_at);

-- One row per sweep completed: the replicas' schedules fire together, the advisory lock of the
-- entity (the delta's) keeps two sweeps apart, and the last sweep's start keeps a replica whose
-- schedule fires after the other's sweep has finished from sweeping again. A sweep SAP did not
-- answer records nothing, so a later firing tries again.
CREATE TABLE hr_sweep (
    id            bigserial PRIMARY KEY,
    entity        text        NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz NOT NULL,
    records_read  integer     NOT NULL,
    published     integer     NOT NULL,
    skipped       integer     NOT NULL
);
CREATE INDEX hr_sweep_latest ON hr_sweep (entity, started_at);
