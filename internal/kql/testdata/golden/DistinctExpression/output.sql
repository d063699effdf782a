WITH "_q1" AS (SELECT DISTINCT lower("AlertSeverity") AS "Column1" FROM "SecurityAlert")
SELECT * FROM "_q1" ORDER BY "Column1" ASC NULLS FIRST
