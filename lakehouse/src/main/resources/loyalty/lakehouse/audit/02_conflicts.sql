-- audit.conflicts: identity conflicts identity resolution met and how it settled them; one row per
-- identity.conflict record.
--
-- who: triggered_by_source, the source system of the event whose identifiers conflicted (raw.events.source),
--   with its type and id; null when raw.events no longer holds that event.
-- when: occurred_at, the event time of that event.
-- why: reason (e.g. limit_exceeded, ambiguous) and detail as identity resolution wrote them (SPEC §3).
-- what: members, every member the identifiers pointed at; assigned_to, the member the event went to (null when
--   it went to none). The conflicting identifiers themselves stay in identity.identity_events (personal data).
SELECT c.program,
       c.record_id AS conflict_id,
       c.occurred_at,
       e.source AS triggered_by_source,
       e.type AS triggered_by_type,
       c.event_id AS triggered_by_event,
       c.reason,
       c.detail,
       c.members,
       c.assigned_to
FROM iceberg.identity.identity_events c
LEFT JOIN iceberg.raw.events e ON e.program = c.program AND e.event_id = c.event_id
WHERE c.kind = 'identity.conflict'
