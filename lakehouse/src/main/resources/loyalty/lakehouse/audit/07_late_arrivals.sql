-- audit.late_arrivals: events that reached identity resolution after its clock had passed them (SPEC §1): applied
-- at arrival with their own dates, after effects already fired (SPEC §13.20), and marked late; one row per
-- identity.late record. A live stack's clock moves with live events only, so a row here is an event older than
-- what the stack had resolved: history loaded after going live ('loyalty ingest --late'), or a source far behind.
--
-- who: source, the source system of the late event (raw.events.source), with its type; assigned_to, the member it
--   was applied to.
-- when: occurred_at, its event time; ingested_at, when it reached the platform.
-- why: detail says where resolution's clock stood when it came.
SELECT l.program,
       l.event_id,
       l.occurred_at,
       e.source,
       e.type,
       e.ingested_at,
       l.assigned_to,
       l.detail
FROM iceberg.identity.identity_events l
LEFT JOIN iceberg.raw.events e ON e.program = l.program AND e.event_id = l.event_id
WHERE l.kind = 'identity.late'
