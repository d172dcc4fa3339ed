-- Search ranks in three stages (delivery.Search, ADR 40): the live items whose title alone answers
-- the query, then those whose title and summary together do, then those whose text does. Each
-- stage finds its matches through its own small vector's GIN index and ranks only them, so a word
-- a third of the items hold no longer ranks thousands of full vectors when twenty titles hold it.
-- Generated from the same columns as search_vector, so no writer has to keep them up to date.
ALTER TABLE content_revision
    ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')) STORED,
    ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', summary), 'B')) STORED;

CREATE INDEX content_revision_title_search ON content_revision USING gin (title_vector);
CREATE INDEX content_revision_head_search ON content_revision USING gin (head_vector);
