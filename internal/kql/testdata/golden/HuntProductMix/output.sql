WITH "_q1" AS (SELECT "ProductName", "ProductComponentName", count(*) AS "Alerts", count(*) FILTER (WHERE "AlertSeverity" = $1) AS "High" FROM "SecurityAlert" GROUP BY "ProductName", "ProductComponentName"),
"_q2" AS (SELECT *, TRY_CAST("High" AS DOUBLE) / "Alerts" AS "HighShare" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "ProductName" ASC NULLS FIRST, "ProductComponentName" ASC NULLS FIRST
-- $1 = "High"
