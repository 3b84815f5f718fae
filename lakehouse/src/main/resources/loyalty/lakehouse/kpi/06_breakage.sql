-- kpi.breakage: points expired / points issued, over the whole ledger.
--
-- issued is defined as in kpi.redemption_rate (EARN + BONUS + ADJUST + CLAWBACK); expired is minus the sum of
-- EXPIRE entries. Points that will still expire are not forecast: this is realised breakage.
SELECT program,
       sum(CASE WHEN type IN ('EARN', 'BONUS', 'ADJUST', 'CLAWBACK') THEN points ELSE 0 END) AS points_issued,
       -sum(CASE WHEN type = 'EXPIRE' THEN points ELSE 0 END) AS points_expired,
       CAST(-sum(CASE WHEN type = 'EXPIRE' THEN points ELSE 0 END) AS double)
           / nullif(sum(CASE WHEN type IN ('EARN', 'BONUS', 'ADJUST', 'CLAWBACK') THEN points ELSE 0 END), 0)
           AS breakage_rate
FROM iceberg.ledger.points_ledger
GROUP BY program
