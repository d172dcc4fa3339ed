-- A service's own V1, beside the library's own V1: the two must not collide.
CREATE TABLE widget (
    id         uuid PRIMARY KEY,
    service    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE handled_event (
    event_id uuid NOT NULL,
    subject  text NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now()
);
