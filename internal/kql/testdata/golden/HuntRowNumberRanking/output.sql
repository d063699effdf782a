WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST),
"_q3" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q2")
SELECT "CompromisedEntity", "Alerts", CAST("_serial" AS BIGINT) AS "Rank" FROM "_q3" ORDER BY "_serial"
-- $1 = "High"
