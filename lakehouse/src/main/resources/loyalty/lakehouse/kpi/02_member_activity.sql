-- kpi.member_activity: one row per attributed member activity, the building block of the activity KPIs.
--
-- kind 'purchase': an order that earned (an EARN entry; its source_event_id is the order event).
-- kind 'engagement': an engagement.recorded event that earned an engagement bonus (a BONUS entry whose source
--   event is of that type). An engagement beyond its bonus cap writes no ledger entry, so it is not seen here.
-- Raw events carry identifiers, not member ids: the ledger is the only place where an event is tied to a member.
-- member_id is the surviving member: entries of a member merged away count for the member it was merged into.
SELECT DISTINCT
    l.program,
    coalesce(merged.merged_into, l.member_id) AS member_id,
    CASE WHEN l.type = 'EARN' THEN 'purchase' ELSE 'engagement' END AS kind,
    l.occurred_at,
    l.source_event_id
FROM iceberg.ledger.points_ledger l
LEFT JOIN iceberg.raw.events e
    ON e.program = l.program AND e.event_id = l.source_event_id
LEFT JOIN iceberg.identity.members merged
    ON merged.program = l.program AND merged.member_id = l.member_id AND merged.status = 'MERGED'
WHERE l.type = 'EARN'
   OR (l.type = 'BONUS' AND e.type = 'engagement.recorded')
