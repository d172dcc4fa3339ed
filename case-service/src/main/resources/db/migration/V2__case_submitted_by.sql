-- Who submitted the case: the caller's issuer and subject ("issuer|subject", Caller.id()), so a
-- citizen can be shown their own cases and no one else's. Cases stored before this have none, and
-- only staff see them.
ALTER TABLE service_case ADD COLUMN submitted_by text;
CREATE INDEX service_case_submitted_by ON service_case (submitted_by);
