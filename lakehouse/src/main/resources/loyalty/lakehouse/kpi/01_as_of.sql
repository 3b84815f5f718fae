-- kpi.as_of: the instant at which each program's KPIs are measured, one row per program.
--
-- It is the newest occurred_at among the program's accepted input events (raw.events), not now(): replayed or
-- generated history then gives the same figures whenever it is queried, tests can pin it, and a program whose
-- feed stopped is measured at its last known moment instead of drifting into "everyone lapsed".
SELECT program, max(occurred_at) AS as_of
FROM iceberg.raw.events
GROUP BY program
