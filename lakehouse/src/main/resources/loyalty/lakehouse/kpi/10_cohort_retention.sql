-- kpi.cohort_retention: for each enrolment-month cohort, the share of its members who purchased in each month
-- since enrolment.
--
-- Cohort: members with status ACTIVE (not merged away) by the UTC month of enrolled_at (enrolled at or before
-- kpi.as_of). months_since_enrolment 0 is the enrolment month itself, up to the month of as_of. retained: cohort
-- members with at least one purchase (kpi.member_activity, kind 'purchase') in that calendar month.
WITH cohort AS (
    SELECT m.program, m.member_id, date_trunc('month', CAST(m.enrolled_at AS date)) AS cohort_month
    FROM iceberg.identity.members m
    JOIN iceberg.kpi.as_of a ON a.program = m.program
    WHERE m.status = 'ACTIVE' AND m.enrolled_at IS NOT NULL AND m.enrolled_at <= a.as_of
),
sizes AS (
    SELECT c.program, c.cohort_month, count(*) AS cohort_size,
           date_diff('month', c.cohort_month, date_trunc('month', CAST(max(a.as_of) AS date))) AS months_to_as_of
    FROM cohort c
    JOIN iceberg.kpi.as_of a ON a.program = c.program
    GROUP BY c.program, c.cohort_month
),
grid AS (
    SELECT s.program, s.cohort_month, s.cohort_size, k AS months_since_enrolment,
           date_add('month', k, s.cohort_month) AS month
    FROM sizes s
    CROSS JOIN UNNEST(sequence(0, s.months_to_as_of)) AS t (k)
),
purchase_months AS (
    SELECT DISTINCT program, member_id, date_trunc('month', CAST(occurred_at AS date)) AS month
    FROM iceberg.kpi.member_activity
    WHERE kind = 'purchase'
),
retained AS (
    SELECT c.program, c.cohort_month, p.month, count(*) AS retained
    FROM cohort c
    JOIN purchase_months p ON p.program = c.program AND p.member_id = c.member_id
    GROUP BY c.program, c.cohort_month, p.month
)
SELECT g.program,
       g.cohort_month,
       g.months_since_enrolment,
       g.cohort_size,
       coalesce(r.retained, 0) AS retained,
       CAST(coalesce(r.retained, 0) AS double) / g.cohort_size AS retention_rate
FROM grid g
LEFT JOIN retained r ON r.program = g.program AND r.cohort_month = g.cohort_month AND r.month = g.month
