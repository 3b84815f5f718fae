-- kpi.redemption_velocity: approved redemptions per UTC day, with a 7-day trend; one row per program and day.
--
-- A redemption is a ledger.redemption_outcomes row with status APPROVED that is not a repeat (repeat_of null),
-- dated by decided_at; a later cancellation does not remove it. Days run from the program's first redemption day
-- to the day of kpi.as_of, days without redemptions included (0), so the windows below are calendar days.
-- avg_7d: mean redemptions per day over the 7 days ending on the row's day; prior_avg_7d: the same for the 7
-- days before those; trend_7d = avg_7d - prior_avg_7d (null until 14 days of history exist).
WITH daily AS (
    SELECT program, CAST(decided_at AS date) AS day, count(*) AS redemptions, sum(points) AS points
    FROM iceberg.ledger.redemption_outcomes
    WHERE status = 'APPROVED' AND repeat_of IS NULL
    GROUP BY program, CAST(decided_at AS date)
),
span AS (
    SELECT d.program, min(d.day) AS first_day, greatest(max(d.day), max(CAST(a.as_of AS date))) AS last_day
    FROM daily d
    LEFT JOIN iceberg.kpi.as_of a ON a.program = d.program
    GROUP BY d.program
),
days AS (
    SELECT s.program, t.day
    FROM span s
    CROSS JOIN UNNEST(sequence(s.first_day, s.last_day, INTERVAL '1' DAY)) AS t (day)
),
filled AS (
    SELECT d.program, d.day, coalesce(r.redemptions, 0) AS redemptions, coalesce(r.points, 0) AS points_redeemed,
           row_number() OVER (PARTITION BY d.program ORDER BY d.day) AS day_number
    FROM days d
    LEFT JOIN daily r ON r.program = d.program AND r.day = d.day
),
windows AS (
    SELECT program, day, redemptions, points_redeemed, day_number,
           sum(redemptions) OVER (PARTITION BY program ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
               AS last_7d,
           sum(redemptions) OVER (PARTITION BY program ORDER BY day ROWS BETWEEN 13 PRECEDING AND 7 PRECEDING)
               AS prior_7d
    FROM filled
)
SELECT program,
       day,
       redemptions,
       points_redeemed,
       CAST(last_7d AS double) / 7 AS avg_7d,
       CASE WHEN day_number >= 14 THEN CAST(prior_7d AS double) / 7 END AS prior_avg_7d,
       CASE WHEN day_number >= 14 THEN CAST(last_7d - prior_7d AS double) / 7 END AS trend_7d
FROM windows
