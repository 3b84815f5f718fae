-- kpi.repeat_purchase_rate: of the members who bought at least once, the share who bought at least twice.
--
-- A purchase is an order attributed to a member through its EARN entry (kpi.member_activity, kind 'purchase'),
-- over the whole history. A returned order still counts as a purchase. Orders placed before enrolment earn nothing
-- and are therefore not member purchases. An order earns one EARN entry (its entry id is the order's event id and
-- ':EARN'), so counting rows counts orders; a DISTINCT over millions of event ids would double the view's time.
WITH buyers AS (
    SELECT program, member_id, count(*) AS orders
    FROM iceberg.kpi.member_activity
    WHERE kind = 'purchase'
    GROUP BY program, member_id
)
SELECT program,
       count(*) AS purchasers,
       count_if(orders >= 2) AS repeat_purchasers,
       CAST(count_if(orders >= 2) AS double) / count(*) AS repeat_purchase_rate
FROM buyers
GROUP BY program
