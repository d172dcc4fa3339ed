-- The reporter's answers to the service's questions (catalogue_attribute), by attribute code, each a
-- list of keys or values: {"where": ["road"], "depth": ["over-100mm"]}. Checked against the
-- catalogue when the case is submitted; null for cases stored before questions were asked.
ALTER TABLE service_case ADD COLUMN answers jsonb;
