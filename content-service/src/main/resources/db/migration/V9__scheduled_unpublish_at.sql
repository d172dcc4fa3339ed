-- An item has one live revision and at most one scheduled successor, and each may have its own
-- removal time. One unpublish_at held both: scheduling a successor overwrote the live revision's
-- removal, so the live page stayed up past it (or came off at the successor's time). Now
-- unpublish_at is the live revision's removal and scheduled_unpublish_at the scheduled revision's,
-- which becomes its unpublish_at when the schedule fires (authoring.Publication).
--
-- Additive only, for a rolling upgrade: an instance of the previous version knows nothing of the
-- column and keeps working. While a schedule waits with nothing live, the service writes the
-- scheduled revision's removal to unpublish_at as well, where the previous version reads it when
-- it fires the schedule (the watch takes off only live revisions, so nothing comes off early); a
-- schedule that version takes with nothing live keeps its removal in unpublish_at, which this
-- version falls back to. While a revision is live, a schedule either version takes keeps the flaw
-- that version had: taken by the previous one, the live revision's removal is lost; fired by it, the
-- successor takes the live revision's removal.
ALTER TABLE content_item
    ADD COLUMN scheduled_unpublish_at timestamptz;

-- Schedules waiting now: their removal was written to unpublish_at, which stays (the previous
-- version still reads it there; with a live revision, a time after the schedule, as unpublishAt
-- had to be after publishAt, so the watch replaces the live revision at publish_at first).
UPDATE content_item SET scheduled_unpublish_at = unpublish_at
WHERE status = 'scheduled' AND unpublish_at IS NOT NULL;

-- A scheduled revision's removal means nothing once the item is no longer scheduled (published by
-- its schedule, or the schedule dropped). The service clears it on every such write; this clears
-- it from a write by the previous version too, so a stale time is never taken up by a later
-- schedule. Not a CHECK: it corrects that version's writes rather than refusing them.
CREATE FUNCTION drop_scheduled_unpublish_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.scheduled_unpublish_at := NULL;
    RETURN NEW;
END
$$;

CREATE TRIGGER content_item_schedule_left BEFORE UPDATE ON content_item
    FOR EACH ROW
    WHEN (NEW.status <> 'scheduled' AND NEW.scheduled_unpublish_at IS NOT NULL)
    EXECUTE FUNCTION drop_scheduled_unpublish_at();
