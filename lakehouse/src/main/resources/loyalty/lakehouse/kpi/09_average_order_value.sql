-- kpi.average_order_value: average net order amount of member orders and of non-member orders.
--
-- Orders are the order.completed events in raw.events (net_amount from the payload, before returns). A member
-- order is one that earned: some EARN entry of the ledger has it as source_event_id. Every other order is a
-- non-member order (an unknown customer, a prospect, or a member before enrolment). Amounts are summed in the
-- order's own currency: a program is assumed to trade in one currency. Average rounded to cents.
WITH earned AS (
    SELECT DISTINCT program, source_event_id
    FROM iceberg.ledger.points_ledger
    WHERE type = 'EARN'
),
orders AS (
    SELECT e.program,
           CASE WHEN m.source_event_id IS NOT NULL THEN 'member' ELSE 'non_member' END AS segment,
           CAST(json_extract_scalar(e.payload, '$.net_amount') AS decimal(18, 6)) AS net_amount
    FROM iceberg.raw.events e
    LEFT JOIN earned m ON m.program = e.program AND m.source_event_id = e.event_id
    WHERE e.type = 'order.completed'
)
SELECT program,
       segment,
       count(*) AS orders,
       CAST(sum(net_amount) AS decimal(20, 2)) AS revenue,
       CAST(sum(net_amount) / count(*) AS decimal(20, 2)) AS average_order_value
FROM orders
GROUP BY program, segment
