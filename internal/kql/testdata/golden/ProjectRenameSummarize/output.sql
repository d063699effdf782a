WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "N" FROM "SecurityAlert" GROUP BY "AlertSeverity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST)
SELECT "AlertSeverity" AS "Level", "N" AS "Alerts" FROM "_q2"
