-- Only resolved cases are ever looked up by their resolution day (resolved_day BETWEEN ...), and
-- most cases are not resolved when they arrive: leave them out of the index, so that a new case
-- adds two index entries, not three (docs/benchmarks/analytics-rebuild.md, ADR 39).
DROP INDEX case_fact_resolved;
CREATE INDEX case_fact_resolved ON case_fact (generation, resolved_day) WHERE resolved_day IS NOT NULL;
