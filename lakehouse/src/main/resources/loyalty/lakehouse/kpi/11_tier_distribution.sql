-- kpi.tier_distribution: how many members hold each tier now, and their share of the program's tiered members.
--
-- From ledger.balances (the current tier) of members whose identity.members status is ACTIVE; members without a
-- tier (not enrolled) and members merged away are left out.
SELECT b.program,
       b.tier,
       count(*) AS members,
       CAST(count(*) AS double) / sum(count(*)) OVER (PARTITION BY b.program) AS share
FROM iceberg.ledger.balances b
JOIN iceberg.identity.members m
    ON m.program = b.program AND m.member_id = b.member_id AND m.status = 'ACTIVE'
WHERE b.tier IS NOT NULL
GROUP BY b.program, b.tier
