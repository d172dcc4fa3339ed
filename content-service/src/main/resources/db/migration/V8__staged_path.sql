-- An edit that gives a live item a new path no longer moves the live page (ADR 14: a draft is
-- invisible on the channels until approved). The new path waits in staged_path beside the edit's
-- revision; approving (or a schedule firing) makes it the path, rejecting or restoring an older
-- revision drops it, and taking the item off the channels makes it the path at once (no page left
-- to move). content_item.path stays where the channels serve the live revision.
-- No CHECK ties staged_path to path or live_revision: while replicas are upgraded one at a time,
-- an instance of the previous version (which knows nothing of the column) still unpublishes,
-- archives and edits, and a constraint would turn those writes into errors. The service keeps
-- staged_path apart from path, and null once nothing is live.
ALTER TABLE content_item
    ADD COLUMN staged_path text;

-- Every path an item holds, where it is and staged: one row a path, so no two items hold one,
-- whichever column holds it (the unique path column cannot see staged paths). Kept by the trigger
-- below from every write to content_item, so a writer cannot forget it; a path held by another item
-- fails the write with a unique violation (content-service answers 409).
CREATE TABLE content_path (
    path     text PRIMARY KEY,
    item_id  uuid NOT NULL REFERENCES content_item (id) ON DELETE CASCADE
);
CREATE INDEX content_path_item ON content_path (item_id);

INSERT INTO content_path (path, item_id) SELECT path, id FROM content_item;

CREATE FUNCTION hold_content_paths() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM content_path
    WHERE item_id = NEW.id
      AND path IS DISTINCT FROM NEW.path
      AND path IS DISTINCT FROM NEW.staged_path;
    INSERT INTO content_path (path, item_id)
    SELECT DISTINCT p, NEW.id FROM unnest(ARRAY[NEW.path, NEW.staged_path]) AS p
    WHERE p IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM content_path c WHERE c.path = p AND c.item_id = NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER content_item_paths_inserted AFTER INSERT ON content_item
    FOR EACH ROW EXECUTE FUNCTION hold_content_paths();
CREATE TRIGGER content_item_paths_changed AFTER UPDATE OF path, staged_path ON content_item
    FOR EACH ROW
    WHEN (OLD.path IS DISTINCT FROM NEW.path OR OLD.staged_path IS DISTINCT FROM NEW.staged_path)
    EXECUTE FUNCTION hold_content_paths();
