-- When the case's response target falls due, in working time (Europe/London, bank holidays
-- excluded). Cases stored before targets were computed have none.
ALTER TABLE service_case ADD COLUMN due_at timestamptz;
CREATE INDEX service_case_due_at ON service_case (due_at) WHERE due_at IS NOT NULL;
