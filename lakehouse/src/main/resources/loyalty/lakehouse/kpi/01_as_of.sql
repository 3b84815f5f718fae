-- kpi.as_of: the instant at which each program's KPIs are measured, one row per program.
--
-- It is the newest occurred_at among the program's accepted input events (raw.events), not now(): replayed or
-- generated history then gives the same figures whenever it is queried, tests can pin it, and a program whose
-- feed stopped is measured at its last known moment instead of drifting into "everyone lapsed".
-- Read from the table's partition statistics ($partitions: raw.events is partitioned by program, and Iceberg keeps
-- the exact newest occurred_at of every data file), so it costs no scan however large raw.events grows; most views
-- join it. Raw events are never deleted (an erasure rewrites a row with the same occurred_at), so the statistics
-- hold no row that is gone.
SELECT partition.program AS program, max(data.occurred_at.max) AS as_of
FROM iceberg.raw."events$partitions"
GROUP BY partition.program
