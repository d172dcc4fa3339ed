-- Photos attached to a case (issue 4). Only what the service re-encoded from the decoded pixels is
-- stored: no EXIF, GPS or other metadata survives, and the original upload is not kept.
-- sha256 is the digest of the stored bytes (served as the ETag).
CREATE TABLE case_photo (
    id           uuid PRIMARY KEY,
    case_id      uuid        NOT NULL REFERENCES service_case (id),
    content_type text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    content      bytea       NOT NULL,
    size_bytes   integer     NOT NULL CHECK (size_bytes > 0 AND size_bytes = octet_length(content)),
    width        integer     NOT NULL CHECK (width > 0),
    height       integer     NOT NULL CHECK (height > 0),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL
);
CREATE INDEX case_photo_case ON case_photo (case_id, uploaded_at);
