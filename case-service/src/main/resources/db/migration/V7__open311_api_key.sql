-- Open311 GeoReport v2 (issue 4, item 6): the civic apps' API keys, what an app sent with a
-- request beyond the case itself, and the reporter's contact details.

-- Keys are shown once, when issued, and kept only as the SHA-256 of the key (ADR 6): a 256-bit
-- random key cannot be guessed from its hash, so a leaked table lets no one post as an app.
-- key_prefix (the first characters of the key) lets an admin tell keys apart without the key.
CREATE TABLE open311_api_key (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$'),
    key_prefix  text        NOT NULL,
    key_sha256  bytea       NOT NULL UNIQUE CHECK (octet_length(key_sha256) = 32),
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    revoked_at  timestamptz,
    revoked_by  text
);

-- A case that arrived through Open311: which app sent it, the token the app may resolve with
-- GET tokens/{token}, the media_url it gave, and its answers to the service's attributes.
CREATE TABLE open311_request (
    case_id     uuid PRIMARY KEY REFERENCES service_case (id),
    api_key_id  uuid  NOT NULL REFERENCES open311_api_key (id),
    token       text  NOT NULL UNIQUE,
    media_url   text  CHECK (char_length(media_url) <= 2000),
    attributes  jsonb NOT NULL DEFAULT '{}'
);

-- Who reported a case and how to reach them. Kept apart from the case so no event, public read
-- or Open311 response can carry it by accident: only staff tools read this table.
CREATE TABLE case_reporter (
    case_id     uuid PRIMARY KEY REFERENCES service_case (id),
    email       text CHECK (char_length(email) <= 254),
    first_name  text CHECK (char_length(first_name) <= 100),
    last_name   text CHECK (char_length(last_name) <= 100),
    phone       text CHECK (char_length(phone) <= 40),
    device_id   text CHECK (char_length(device_id) <= 200),
    account_id  text CHECK (char_length(account_id) <= 200)
);

-- GeoReport v2 limits a description to 4,000 characters; the first schema allowed 2,000.
ALTER TABLE service_case DROP CONSTRAINT service_case_description_check;
ALTER TABLE service_case ADD CONSTRAINT service_case_description_check
    CHECK (char_length(description) <= 4000);
