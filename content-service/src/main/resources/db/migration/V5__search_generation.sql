-- Search answers are cached in each instance (delivery.SearchCache, ADR 28), keyed by this number:
-- any statement that changes content items, revisions or the spelling list moves it on, in the
-- same transaction as the change, so the next search in every instance reads a new number and
-- never meets an answer from before the change. Statement triggers with transition tables: a
-- statement that changes no row (a watch finding nothing due) leaves the number, and the cache,
-- alone; one that writes 10,000 rows moves it once.
CREATE TABLE search_generation (
    only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    generation bigint  NOT NULL
);
INSERT INTO search_generation (only_row, generation) VALUES (true, 0);

CREATE FUNCTION next_search_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM changed) THEN
        UPDATE search_generation SET generation = generation + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER content_item_inserted AFTER INSERT ON content_item
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation();
CREATE TRIGGER content_item_updated AFTER UPDATE ON content_item
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation();
CREATE TRIGGER content_item_deleted AFTER DELETE ON content_item
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation();

CREATE TRIGGER content_revision_inserted AFTER INSERT ON content_revision
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation();
CREATE TRIGGER content_revision_updated AFTER UPDATE ON content_revision
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation();
CREATE TRIGGER content_revision_deleted AFTER DELETE ON content_revision
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation();

CREATE TRIGGER search_word_inserted AFTER INSERT ON search_word
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation();
CREATE TRIGGER search_word_deleted AFTER DELETE ON search_word
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation();

-- A TRUNCATE (by hand: the service never runs one) has no transition table; it always counts.
CREATE FUNCTION next_search_generation_always() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_generation SET generation = generation + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER content_item_truncated AFTER TRUNCATE ON content_item
    FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation_always();
CREATE TRIGGER content_revision_truncated AFTER TRUNCATE ON content_revision
    FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation_always();
CREATE TRIGGER search_word_truncated AFTER TRUNCATE ON search_word
    FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation_always();
