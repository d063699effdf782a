WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY "AlertSeverity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST, "AlertSeverity" ASC NULLS FIRST),
"_q3" AS (SELECT *, CAST((row_number() OVER () - 1) AS BIGINT) AS "Position" FROM "_q2")
SELECT * FROM "_q3" WHERE "Position" < 3
