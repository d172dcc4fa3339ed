-- Content items and their revisions. An item's workflow state belongs to its latest revision;
-- live_revision is the revision the channels serve (null when nothing is served), so an edit to a
-- published page is worked on as a draft while the published revision stays live.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE content_item (
    id                      uuid PRIMARY KEY,
    type                    text        NOT NULL,
    path                    text        NOT NULL UNIQUE,
    status                  text        NOT NULL CHECK (status IN
                                ('draft', 'in_review', 'scheduled', 'published', 'archived')),
    latest_revision         integer     NOT NULL CHECK (latest_revision >= 1),
    live_revision           integer     CHECK (live_revision >= 1),
    -- Bumped by every change; the item's ETag, so a write names the state it was made against.
    version                 integer     NOT NULL,
    publish_at              timestamptz,
    unpublish_at            timestamptz,
    published_at            timestamptz,
    -- The live revision content.published was last emitted for: the publication watch announces
    -- any live revision not yet announced (the seeded items, on first start).
    announced_revision      integer,
    -- Why a publisher last sent the item back, for its editor.
    review_note             text,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    CHECK (live_revision IS NULL OR live_revision <= latest_revision),
    CHECK (status <> 'scheduled' OR publish_at IS NOT NULL)
);

CREATE TABLE content_revision (
    item_id          uuid        NOT NULL REFERENCES content_item (id),
    revision         integer     NOT NULL CHECK (revision >= 1),
    title            text        NOT NULL,
    summary          text        NOT NULL,
    body             text        NOT NULL,
    -- Type-specific fields (guide parts, steps, alert priority and times, call script) as JSON.
    details          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    topics           text[]      NOT NULL,
    service_codes    text[]      NOT NULL,
    channels         text[]      NOT NULL,
    audience         text        NOT NULL CHECK (audience IN ('public', 'staff')),
    review_by        date        NOT NULL,
    -- The body (with guide parts and steps) as plain text: search, snippets and digital TV.
    plain_text       text        NOT NULL,
    author_staff_id  text        NOT NULL,
    note             text,
    created_at       timestamptz NOT NULL,
    search_vector    tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', summary), 'B')
        || setweight(to_tsvector('english', plain_text), 'C')) STORED,
    PRIMARY KEY (item_id, revision)
);

CREATE INDEX content_revision_search ON content_revision USING gin (search_vector);
CREATE INDEX content_revision_title_trgm ON content_revision USING gin (title gin_trgm_ops);
CREATE INDEX content_revision_topics ON content_revision USING gin (topics);
CREATE INDEX content_revision_service_codes ON content_revision USING gin (service_codes);
CREATE INDEX content_item_due ON content_item (publish_at) WHERE status = 'scheduled';
CREATE INDEX content_item_unpublish ON content_item (unpublish_at) WHERE unpublish_at IS NOT NULL;

-- The words of live items, for "did you mean": a query word misspelt by one letter is matched
-- to the nearest word here by trigram similarity.
CREATE TABLE search_word (
    word  text PRIMARY KEY
);
CREATE INDEX search_word_trgm ON search_word USING gin (word gin_trgm_ops);

-- The service catalogue as case-service last announced it (service-definition-changed).
CREATE TABLE catalogue_service (
    code        text PRIMARY KEY,
    name        text        NOT NULL,
    withdrawn   boolean     NOT NULL,
    changed_at  timestamptz NOT NULL
);

-- "This answered my question": one row per item, client and London day, so a script cannot
-- inflate the contacts-avoided figures. The client is kept only as a keyed hash of its address.
CREATE TABLE feedback (
    id           uuid        PRIMARY KEY,
    item_id      uuid        NOT NULL REFERENCES content_item (id),
    client_hash  text        NOT NULL,
    day          date        NOT NULL,
    channel      text        NOT NULL,
    revision     integer     NOT NULL,
    received_at  timestamptz NOT NULL,
    UNIQUE (item_id, client_hash, day)
);
