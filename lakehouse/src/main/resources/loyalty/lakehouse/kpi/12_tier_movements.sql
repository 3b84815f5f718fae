-- kpi.tier_movements: tier changes per UTC month of achieved_at, from tier, to tier and cause (ledger.tier_history).
--
-- direction: ENTRY when the tier is first set (from_tier null), UP or DOWN by the order of the default tier ladder
-- MEMBER < SILVER < GOLD < PLATINUM, SAME when a review keeps the tier, OTHER when a rule set names other tiers.
SELECT program,
       date_trunc('month', CAST(achieved_at AS date)) AS month,
       from_tier,
       to_tier,
       cause,
       CASE
           WHEN from_tier IS NULL THEN 'ENTRY'
           WHEN array_position(ARRAY['MEMBER', 'SILVER', 'GOLD', 'PLATINUM'], from_tier) = 0
             OR array_position(ARRAY['MEMBER', 'SILVER', 'GOLD', 'PLATINUM'], to_tier) = 0 THEN 'OTHER'
           WHEN array_position(ARRAY['MEMBER', 'SILVER', 'GOLD', 'PLATINUM'], to_tier)
              > array_position(ARRAY['MEMBER', 'SILVER', 'GOLD', 'PLATINUM'], from_tier) THEN 'UP'
           WHEN array_position(ARRAY['MEMBER', 'SILVER', 'GOLD', 'PLATINUM'], to_tier)
              < array_position(ARRAY['MEMBER', 'SILVER', 'GOLD', 'PLATINUM'], from_tier) THEN 'DOWN'
           ELSE 'SAME'
       END AS direction,
       count(*) AS movements
FROM iceberg.ledger.tier_history
GROUP BY program, date_trunc('month', CAST(achieved_at AS date)), from_tier, to_tier, cause
