WITH "_q1" AS (SELECT *, CASE WHEN "AlertSeverity" = $1 THEN CAST(3 AS BIGINT) WHEN "AlertSeverity" = $2 THEN CAST(2 AS BIGINT) WHEN "AlertSeverity" = $3 THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END AS "SevRank" FROM "SecurityAlert"),
"_q2" AS (SELECT "CompromisedEntity", max("SevRank") AS "MaxRank", count(*) AS "Alerts" FROM "_q1" GROUP BY "CompromisedEntity")
SELECT * FROM "_q2" ORDER BY "MaxRank" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Low"
