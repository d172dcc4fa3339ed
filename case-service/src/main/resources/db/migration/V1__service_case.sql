CREATE TABLE service_case (
    id           uuid PRIMARY KEY,
    service_code text        NOT NULL,
    channel      text        NOT NULL
        CHECK (channel IN ('web', 'app', 'open311', 'phone', 'face_to_face', 'email')),
    description  text        CHECK (char_length(description) <= 2000),
    latitude     double precision,
    longitude    double precision,
    status       text        NOT NULL,
    submitted_at timestamptz NOT NULL
);
CREATE INDEX service_case_submitted_at ON service_case (submitted_at);
