-- kpi.program_attributed_revenue: revenue the program adds on member orders, against a matched non-member
-- baseline.
--
-- Orders and the member / non-member split are those of kpi.average_order_value. Matching: each member order is
-- paired with the cell of non-member orders of the same program, UTC calendar month and channel (payload channel,
-- 'unknown' when absent): its baseline is that cell's average net amount. attributed_revenue = sum over matched
-- member orders of (net amount - baseline). Member orders whose cell has no non-member order are unmatched and
-- left out of both sides (unmatched_member_orders counts them). This measures order-value lift only, not extra
-- visits, and members self-select: read it as an association, not a causal effect (kpi.nudge_lift has the
-- randomised comparison).
WITH earned AS (
    SELECT DISTINCT program, source_event_id
    FROM iceberg.ledger.points_ledger
    WHERE type = 'EARN'
),
orders AS (
    SELECT e.program,
           m.source_event_id IS NOT NULL AS by_member,
           date_trunc('month', CAST(e.occurred_at AS date)) AS month,
           coalesce(json_extract_scalar(e.payload, '$.channel'), 'unknown') AS channel,
           CAST(json_extract_scalar(e.payload, '$.net_amount') AS decimal(18, 6)) AS net_amount
    FROM iceberg.raw.events e
    LEFT JOIN earned m ON m.program = e.program AND m.source_event_id = e.event_id
    WHERE e.type = 'order.completed'
),
baseline AS (
    SELECT program, month, channel, CAST(sum(net_amount) / count(*) AS decimal(18, 6)) AS baseline_value
    FROM orders
    WHERE NOT by_member
    GROUP BY program, month, channel
)
SELECT o.program,
       count(*) AS member_orders,
       count(b.baseline_value) AS matched_member_orders,
       count(*) - count(b.baseline_value) AS unmatched_member_orders,
       CAST(coalesce(sum(CASE WHEN b.baseline_value IS NOT NULL THEN o.net_amount END), 0) AS decimal(20, 2))
           AS matched_member_revenue,
       CAST(coalesce(sum(b.baseline_value), 0) AS decimal(20, 2)) AS baseline_revenue,
       CAST(coalesce(sum(o.net_amount - b.baseline_value), 0) AS decimal(20, 2)) AS attributed_revenue
FROM orders o
LEFT JOIN baseline b ON b.program = o.program AND b.month = o.month AND b.channel = o.channel
WHERE o.by_member
GROUP BY o.program
