WITH "_q1" AS (SELECT *, CASE WHEN "AlertSeverity" = $1 THEN CAST(3 AS BIGINT) WHEN "AlertSeverity" = $2 THEN CAST(2 AS BIGINT) ELSE CAST(1 AS BIGINT) END AS "Rank" FROM "SecurityAlert"),
"_q2" AS (SELECT "Rank", count(*) AS "Alerts" FROM "_q1" GROUP BY "Rank")
SELECT * FROM "_q2" ORDER BY "Rank" DESC NULLS LAST
-- $1 = "High"
-- $2 = "Medium"
