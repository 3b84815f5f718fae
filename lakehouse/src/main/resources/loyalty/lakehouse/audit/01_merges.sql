-- audit.merges: who merged which member profile into which, when and why; one row per identity.merged record.
--
-- who: triggered_by_source, the source system of the event that caused the merge (raw.events.source: crm, pos,
--   app, ...), with its type and id; null when raw.events no longer holds that event.
-- when: merged_at, the event time identity resolution merged at (identity.identity_events.occurred_at).
-- why: reason and detail as identity resolution wrote them (SPEC §3), e.g. the identifier the two profiles share.
-- what: survivor_id keeps the points (ledger TRANSFER_IN), loser_id is marked MERGED; welcome_clawback tells
--   whether the loser's welcome bonus was taken back.
SELECT m.program,
       m.record_id AS merge_id,
       m.occurred_at AS merged_at,
       e.source AS triggered_by_source,
       e.type AS triggered_by_type,
       m.event_id AS triggered_by_event,
       m.reason,
       m.detail,
       m.survivor_id,
       m.loser_id,
       m.welcome_clawback
FROM iceberg.identity.identity_events m
LEFT JOIN iceberg.raw.events e ON e.program = m.program AND e.event_id = m.event_id
WHERE m.kind = 'identity.merged'
