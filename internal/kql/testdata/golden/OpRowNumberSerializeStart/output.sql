WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY "AlertSeverity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST, "AlertSeverity" ASC NULLS FIRST),
"_q3" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q2"),
"_q4" AS (SELECT "AlertSeverity", "Alerts", CAST(("_serial" - 1) AS BIGINT) AS "Position" FROM "_q3" ORDER BY "_serial")
SELECT * FROM "_q4" WHERE "Position" < 3
