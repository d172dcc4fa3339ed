-- Who contributed each community listing (a citizen's issuer and subject). Staff moderate the
-- listing as content; this table is never read by a public channel.
CREATE TABLE contribution (
    item_id       uuid        PRIMARY KEY REFERENCES content_item (id),
    contributor   text        NOT NULL,
    submitted_at  timestamptz NOT NULL
);
CREATE INDEX contribution_contributor ON contribution (contributor, submitted_at DESC);

-- Reports of a live listing: one per item, client and London day (keyed hash of the address);
-- reaching the threshold returns the listing to moderation.
CREATE TABLE listing_report (
    item_id      uuid        NOT NULL REFERENCES content_item (id),
    client_hash  text        NOT NULL,
    day          date        NOT NULL,
    reported_at  timestamptz NOT NULL,
    PRIMARY KEY (item_id, client_hash, day)
);
