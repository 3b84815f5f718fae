-- audit.redemptions: every redemption decision, who asked for it, when it was decided and why; one row per
-- ledger.redemption_outcomes row (requests and cancellations).
--
-- who: requested_by, the source system (channel) of the redemption.requested or redemption.cancelled event the
--   outcome answers (raw.events.source); member_id (null when the requester was unknown).
-- when: requested_at, that event's time; decided_at, when the ledger decided (SPEC §7).
-- why: status APPROVED, REJECTED, CANCELLED or CANCEL_IGNORED, and reason for anything not approved (e.g.
--   insufficient_points, unknown_member); repeat_of names the first outcome of a repeated redemption_id.
-- what: points as requested, available_before the decision, reward_id from the request.
SELECT o.program,
       o.redemption_id,
       o.member_id,
       e.source AS requested_by,
       e.type AS event_type,
       o.event_id,
       e.occurred_at AS requested_at,
       o.decided_at,
       o.status,
       o.reason,
       o.points,
       o.available_before,
       json_extract_scalar(e.payload, '$.reward_id') AS reward_id,
       o.repeat_of
FROM iceberg.ledger.redemption_outcomes o
LEFT JOIN iceberg.raw.events e ON e.program = o.program AND e.event_id = o.event_id
