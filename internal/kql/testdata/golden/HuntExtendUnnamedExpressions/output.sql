WITH "_q1" AS (SELECT *, lower("CompromisedEntity") AS "Column1", length("AlertName") AS "strlen_AlertName" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT "Column1", count(*) AS "Alerts" FROM "_q1" GROUP BY "Column1")
SELECT * FROM "_q2" ORDER BY "Column1" ASC NULLS FIRST
-- $1 = "High"
