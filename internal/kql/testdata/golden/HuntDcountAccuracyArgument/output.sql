WITH "_q1" AS (SELECT "AlertSeverity", count(DISTINCT "CompromisedEntity") AS "Hosts", count(DISTINCT "AlertName") AS "Names" FROM "SecurityAlert" GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
