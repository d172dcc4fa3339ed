-- mySociety's Open311 extension, as FixMyStreet uses it with councils: POST servicerequestupdates,
-- a citizen's update on a request a civic app sent us. The update itself is a public case_update
-- (what the citizen wrote, under the case's status after it); what the app sent beyond it is here.

-- The app's own id for the update: one row per app and id, so an update sent twice (a retry after
-- a timeout) records one update, whichever of two concurrent sends commits first. The case_update
-- row is written later in the same transaction, hence the deferred reference.
CREATE TABLE open311_update (
    api_key_id     uuid        NOT NULL REFERENCES open311_api_key (id),
    app_update_id  text        NOT NULL CHECK (char_length(app_update_id) BETWEEN 1 AND 100),
    case_update_id uuid        NOT NULL UNIQUE
        REFERENCES case_update (id) DEFERRABLE INITIALLY DEFERRED,
    case_id        uuid        NOT NULL REFERENCES service_case (id),
    -- updated_datetime as the app sent it: when the citizen wrote the update
    written_at     timestamptz NOT NULL,
    media_url      text        CHECK (char_length(media_url) <= 2000),
    PRIMARY KEY (api_key_id, app_update_id)
);

-- Who wrote the update and how to reach them. Kept apart, like case_reporter, so no event, public
-- read or Open311 response can carry it by accident: only staff tools read this table.
CREATE TABLE case_update_reporter (
    case_update_id uuid PRIMARY KEY REFERENCES case_update (id),
    email          text CHECK (char_length(email) <= 254),
    first_name     text CHECK (char_length(first_name) <= 100),
    last_name      text CHECK (char_length(last_name) <= 100),
    phone          text CHECK (char_length(phone) <= 40)
);
