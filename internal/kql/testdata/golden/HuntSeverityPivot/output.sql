WITH "_q1" AS (SELECT "CompromisedEntity", count(*) FILTER (WHERE "AlertSeverity" = $1) AS "High", count(*) FILTER (WHERE "AlertSeverity" = $2) AS "Medium", count(*) FILTER (WHERE "AlertSeverity" = $3) AS "Low", count(*) AS "Total" FROM "SecurityAlert" GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "High" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Low"
