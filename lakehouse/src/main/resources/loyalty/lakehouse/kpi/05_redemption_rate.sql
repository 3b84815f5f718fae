-- kpi.redemption_rate: points redeemed / points issued, over the whole ledger.
--
-- issued: net points granted = the sum of EARN, BONUS, ADJUST and CLAWBACK entries (a clawback or a negative
--   adjustment takes back points that had been issued; TRANSFER_IN/OUT only move points between members).
-- redeemed: net points spent = minus the sum of REDEEM and REDEEM_REVERSAL entries (a cancelled redemption
--   gives its points back).
-- The ledger total of a program is issued - redeemed - expired (kpi.breakage has expired).
SELECT program,
       sum(CASE WHEN type IN ('EARN', 'BONUS', 'ADJUST', 'CLAWBACK') THEN points ELSE 0 END) AS points_issued,
       -sum(CASE WHEN type IN ('REDEEM', 'REDEEM_REVERSAL') THEN points ELSE 0 END) AS points_redeemed,
       CAST(-sum(CASE WHEN type IN ('REDEEM', 'REDEEM_REVERSAL') THEN points ELSE 0 END) AS double)
           / nullif(sum(CASE WHEN type IN ('EARN', 'BONUS', 'ADJUST', 'CLAWBACK') THEN points ELSE 0 END), 0)
           AS redemption_rate
FROM iceberg.ledger.points_ledger
GROUP BY program
