WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" = $1 ORDER BY "TimeGenerated" ASC NULLS FIRST, "SystemAlertId" ASC NULLS FIRST),
"_q2" AS (SELECT *, CAST(row_number() OVER () AS BIGINT) AS "Rank" FROM "_q1")
SELECT "Rank", "TimeGenerated", "SystemAlertId" FROM "_q2" LIMIT 5
-- $1 = "Medium"
