-- The HR delta reads from a safety overlap before its mark (platform.sap.hr.overlap), as SAP may
-- commit a change late, stamped at or before a mark already read past. What it published (or passed
-- over as unusable) inside the overlap is remembered here, one row per record with the change time
-- published, so a change read again in the overlap is not published again. Rows older than the
-- next read's start are deleted by each read: the table holds a few minutes of changes.
CREATE TABLE hr_delta_published (
    entity      text        NOT NULL,
    record_id   text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (entity, record_id)
);
