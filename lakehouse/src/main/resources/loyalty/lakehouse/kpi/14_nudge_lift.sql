-- requires: iceberg.ledger.nudges
-- kpi.nudge_lift: conversion of nudged members against the holdout, per program and nudge type, with a 95%
-- confidence interval of the difference.
--
-- treated: nudges with status DELIVERED; control: nudges SUPPRESSED with reason holdout (the random control group
-- of SPEC §10). Nudges suppressed for other reasons are in neither arm. A nudge converts when its member (the
-- survivor, if merged) has a purchase (kpi.member_activity, an order that earned) with occurred_at in
-- (triggered_at, triggered_at + 14 days]. lift = treated_rate - control_rate; the interval is the normal (Wald)
-- one, lift +/- 1.96 x sqrt(pt(1-pt)/nt + pc(1-pc)/nc), null when an arm is empty. Too few nudges make it wide.
-- Created only when ledger.nudges exists.
WITH nudges AS (
    SELECT n.program, n.nudge_id, n.type,
           coalesce(merged.merged_into, n.member_id) AS member_id,
           n.triggered_at,
           CASE WHEN n.status = 'DELIVERED' THEN 'treated' ELSE 'control' END AS arm
    FROM iceberg.ledger.nudges n
    LEFT JOIN iceberg.identity.members merged
        ON merged.program = n.program AND merged.member_id = n.member_id AND merged.status = 'MERGED'
    WHERE n.status = 'DELIVERED' OR (n.status = 'SUPPRESSED' AND n.reason = 'holdout')
),
outcomes AS (
    SELECT n.program, n.type, n.arm, n.nudge_id, count(a.source_event_id) > 0 AS converted
    FROM nudges n
    LEFT JOIN iceberg.kpi.member_activity a
        ON a.program = n.program AND a.member_id = n.member_id AND a.kind = 'purchase'
       AND a.occurred_at > n.triggered_at AND a.occurred_at <= n.triggered_at + INTERVAL '14' DAY
    GROUP BY n.program, n.type, n.arm, n.nudge_id
),
arms AS (
    SELECT program, type,
           count_if(arm = 'treated') AS treated,
           count_if(arm = 'treated' AND converted) AS treated_conversions,
           count_if(arm = 'control') AS control,
           count_if(arm = 'control' AND converted) AS control_conversions
    FROM outcomes
    GROUP BY program, type
),
rates AS (
    SELECT *,
           CAST(treated_conversions AS double) / nullif(treated, 0) AS treated_rate,
           CAST(control_conversions AS double) / nullif(control, 0) AS control_rate
    FROM arms
)
SELECT program,
       type AS nudge_type,
       treated,
       treated_conversions,
       treated_rate,
       control,
       control_conversions,
       control_rate,
       treated_rate - control_rate AS lift,
       treated_rate - control_rate
           - 1.96 * sqrt(treated_rate * (1 - treated_rate) / treated + control_rate * (1 - control_rate) / control)
           AS lift_ci_low,
       treated_rate - control_rate
           + 1.96 * sqrt(treated_rate * (1 - treated_rate) / treated + control_rate * (1 - control_rate) / control)
           AS lift_ci_high
FROM rates
