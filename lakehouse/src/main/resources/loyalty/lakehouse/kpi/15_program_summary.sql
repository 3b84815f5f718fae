-- kpi.program_summary: the headline KPIs of each program in one row (what `loyalty kpi show` prints).
--
-- Each column comes from the view of the same name; see those views for the definitions. Nudge lift is not here:
-- it is per nudge type and its view exists only where ledger.nudges does.
SELECT a.program,
       a.as_of,
       act.members,
       act.active_rate,
       rep.repeat_purchase_rate,
       red.redemption_rate,
       brk.breakage_rate,
       lia.liability_points,
       lia.pending_points,
       lia.liability_money,
       mem.average_order_value AS member_aov,
       non.average_order_value AS non_member_aov,
       rev.attributed_revenue
FROM iceberg.kpi.as_of a
LEFT JOIN iceberg.kpi.active_member_rate act ON act.program = a.program
LEFT JOIN iceberg.kpi.repeat_purchase_rate rep ON rep.program = a.program
LEFT JOIN iceberg.kpi.redemption_rate red ON red.program = a.program
LEFT JOIN iceberg.kpi.breakage brk ON brk.program = a.program
LEFT JOIN iceberg.kpi.outstanding_liability lia ON lia.program = a.program
LEFT JOIN iceberg.kpi.average_order_value mem ON mem.program = a.program AND mem.segment = 'member'
LEFT JOIN iceberg.kpi.average_order_value non ON non.program = a.program AND non.segment = 'non_member'
LEFT JOIN iceberg.kpi.program_attributed_revenue rev ON rev.program = a.program
