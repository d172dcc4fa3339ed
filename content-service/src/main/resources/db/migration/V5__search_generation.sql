-- Search answers are cached in each instance (delivery.SearchCache, ADR 28), keyed by this number.
-- Every transaction that changes a content item, a revision or the spelling list moves it on once,
-- as it commits, so the next search in every instance reads a new number and never meets an
-- answer from before the change.
--
-- The triggers are deferred to commit: the number's row is then the last lock a writing
-- transaction takes, held only while it commits, so two writers can never each hold what the
-- other waits for (a trigger at each statement would take it first and keep it while the
-- transaction went on to lock other rows: a deadlock with any writer that locked those first).
-- A transaction that writes 10,000 rows moves it once: later rows find it already moved by
-- their own transaction. A statement that changes no row fires nothing.
CREATE TABLE search_generation (
    only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    generation bigint  NOT NULL,
    -- The transaction that last moved the number on.
    moved_by   bigint
);
INSERT INTO search_generation (only_row, generation) VALUES (true, 0);

CREATE FUNCTION next_search_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_generation SET generation = generation + 1, moved_by = txid_current()
    WHERE moved_by IS DISTINCT FROM txid_current();
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER content_item_changed AFTER INSERT OR UPDATE OR DELETE ON content_item
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION next_search_generation();
CREATE CONSTRAINT TRIGGER content_revision_changed AFTER INSERT OR UPDATE OR DELETE ON content_revision
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION next_search_generation();
CREATE CONSTRAINT TRIGGER search_word_changed AFTER INSERT OR UPDATE OR DELETE ON search_word
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION next_search_generation();

-- A TRUNCATE (by hand: the service never runs one) fires no row trigger; it counts at once.
CREATE FUNCTION next_search_generation_now() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_generation SET generation = generation + 1, moved_by = txid_current();
    RETURN NULL;
END
$$;
CREATE TRIGGER content_item_truncated AFTER TRUNCATE ON content_item
    FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation_now();
CREATE TRIGGER content_revision_truncated AFTER TRUNCATE ON content_revision
    FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation_now();
CREATE TRIGGER search_word_truncated AFTER TRUNCATE ON search_word
    FOR EACH STATEMENT EXECUTE FUNCTION next_search_generation_now();
