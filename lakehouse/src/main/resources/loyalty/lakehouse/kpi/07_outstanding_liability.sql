-- kpi.outstanding_liability: points the program still owes its members, in points and in money.
--
-- From ledger.balances (one row per member): available_points = the sum of positive available balances (a member
-- in debt owes points, which does not lower what is owed to the others; debt_points shows it), pending_points =
-- the sum of pending (still inside the return window). Money = points x cost_per_point, rounded to cents.
-- cost_per_point comes from the newest rule set in force at as_of: the rules.published event with the latest
-- effective_from <= kpi.as_of (ties: the later event); 0.01 when the program never published one or the rule set
-- leaves cost_per_point to the default.
WITH rule_sets AS (
    SELECT e.program,
           CAST(json_extract_scalar(e.payload, '$.rule_set.cost_per_point') AS decimal(18, 6)) AS cost_per_point,
           row_number() OVER (PARTITION BY e.program ORDER BY
               coalesce(try(from_iso8601_timestamp(json_extract_scalar(e.payload, '$.effective_from'))),
                        e.occurred_at) DESC,
               e.occurred_at DESC, e.event_id DESC) AS newest_first
    FROM iceberg.raw.events e
    JOIN iceberg.kpi.as_of a ON a.program = e.program
    WHERE e.type = 'rules.published'
      AND coalesce(try(from_iso8601_timestamp(json_extract_scalar(e.payload, '$.effective_from'))), e.occurred_at)
          <= a.as_of
),
points AS (
    SELECT program,
           sum(greatest(available, 0)) AS available_points,
           sum(pending) AS pending_points,
           sum(debt) AS debt_points
    FROM iceberg.ledger.balances
    GROUP BY program
),
priced AS (
    SELECT p.program, p.available_points, p.pending_points, p.debt_points,
           coalesce(r.cost_per_point, DECIMAL '0.01') AS cost_per_point
    FROM points p
    LEFT JOIN rule_sets r ON r.program = p.program AND r.newest_first = 1
)
SELECT program,
       available_points,
       pending_points,
       available_points + pending_points AS liability_points,
       debt_points,
       cost_per_point,
       CAST(available_points * cost_per_point AS decimal(20, 2)) AS available_money,
       CAST(pending_points * cost_per_point AS decimal(20, 2)) AS pending_money,
       CAST((available_points + pending_points) * cost_per_point AS decimal(20, 2)) AS liability_money
FROM priced
