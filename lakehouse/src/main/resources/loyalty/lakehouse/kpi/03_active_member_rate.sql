-- kpi.active_member_rate: share of enrolled members with a purchase or an engagement in the last 90 days.
--
-- Members: identity.members rows with status ACTIVE (enrolled, not merged away) enrolled at or before as_of.
-- Active: at least one kpi.member_activity row with occurred_at in (as_of - 90 days, as_of], half-open like every
-- window of the spec (an activity exactly 90 days before as_of no longer counts). as_of is kpi.as_of.
-- engagement_only_members are active through engagement alone (no purchase in the window).
WITH members AS (
    SELECT m.program, m.member_id
    FROM iceberg.identity.members m
    JOIN iceberg.kpi.as_of a ON a.program = m.program
    WHERE m.status = 'ACTIVE' AND m.enrolled_at IS NOT NULL AND m.enrolled_at <= a.as_of
),
recent AS (
    SELECT x.program, x.member_id,
           max(CASE WHEN x.kind = 'purchase' THEN 1 ELSE 0 END) AS purchased
    FROM iceberg.kpi.member_activity x
    JOIN iceberg.kpi.as_of a ON a.program = x.program
    WHERE x.occurred_at > a.as_of - INTERVAL '90' DAY AND x.occurred_at <= a.as_of
    GROUP BY x.program, x.member_id
)
SELECT a.program,
       a.as_of,
       count(m.member_id) AS members,
       count(r.member_id) AS active_members,
       count_if(r.purchased = 1) AS purchasing_members,
       count_if(r.purchased = 0) AS engagement_only_members,
       CAST(count(r.member_id) AS double) / nullif(count(m.member_id), 0) AS active_rate
FROM iceberg.kpi.as_of a
LEFT JOIN members m ON m.program = a.program
LEFT JOIN recent r ON r.program = m.program AND r.member_id = m.member_id
GROUP BY a.program, a.as_of
