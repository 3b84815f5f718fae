-- kpi.member_activity: one row per attributed member activity, the building block of the activity KPIs.
--
-- kind 'purchase': an order that earned (an EARN entry; its source_event_id is the order event).
-- kind 'engagement': an engagement.recorded event that earned an engagement bonus (a BONUS entry whose source
--   event is of that type). An engagement beyond its bonus cap writes no ledger entry, so it is not seen here.
-- Raw events carry identifiers, not member ids: the ledger is the only place where an event is tied to a member.
-- member_id is the surviving member: entries of a member merged away count for the member it was merged into.
-- An order earns one EARN entry and an engagement one BONUS entry, so each activity is one row without a DISTINCT;
-- only BONUS entries are looked up in raw.events (whose type tells an engagement from a campaign or birthday bonus),
-- which keeps the view from joining every ledger entry to every raw event.
WITH activity AS (
    SELECT program, member_id, 'purchase' AS kind, occurred_at, source_event_id
    FROM iceberg.ledger.points_ledger
    WHERE type = 'EARN'
    UNION ALL
    SELECT l.program, l.member_id, 'engagement' AS kind, l.occurred_at, l.source_event_id
    FROM iceberg.ledger.points_ledger l
    JOIN iceberg.raw.events e
        ON e.program = l.program AND e.event_id = l.source_event_id AND e.type = 'engagement.recorded'
    WHERE l.type = 'BONUS'
)
SELECT a.program,
       coalesce(merged.merged_into, a.member_id) AS member_id,
       a.kind,
       a.occurred_at,
       a.source_event_id
FROM activity a
LEFT JOIN iceberg.identity.members merged
    ON merged.program = a.program AND merged.member_id = a.member_id AND merged.status = 'MERGED'
