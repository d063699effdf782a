WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "count_" FROM "SecurityAlert" GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "count_" DESC NULLS LAST, "AlertSeverity" ASC NULLS FIRST
