-- audit.adjustments: manual point adjustments, who made them, when and why; one row per points.adjusted event the
-- ledger booked.
--
-- who: operator, from the event's payload (SPEC §2), and source, the system it came through. When raw.events no
--   longer holds the event, operator and reason come from the ledger entry's note ("<reason> by <operator>").
-- when: adjusted_at, the event time of the adjustment.
-- why: reason, from the payload (or the note).
-- what: member_id; points_requested, the payload's signed points; points, what the ledger booked (the sum of the
--   event's ADJUST entries: a negative adjustment larger than the open lots books the rest as debt); entry_ids.
SELECT l.program,
       l.member_id,
       l.source_event_id AS event_id,
       min(l.occurred_at) AS adjusted_at,
       coalesce(json_extract_scalar(e.payload, '$.operator'),
                regexp_extract(max(l.note), '^(.*) by (.*)$', 2)) AS operator,
       coalesce(json_extract_scalar(e.payload, '$.reason'),
                regexp_extract(max(l.note), '^(.*) by (.*)$', 1)) AS reason,
       e.source,
       CAST(json_extract_scalar(e.payload, '$.points') AS bigint) AS points_requested,
       sum(l.points) AS points,
       array_agg(l.entry_id ORDER BY l.entry_id) AS entry_ids
FROM iceberg.ledger.points_ledger l
LEFT JOIN iceberg.raw.events e ON e.program = l.program AND e.event_id = l.source_event_id
WHERE l.type = 'ADJUST'
GROUP BY l.program, l.member_id, l.source_event_id, e.payload, e.source
