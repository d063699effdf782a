WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST)
SELECT *, CAST(row_number() OVER () AS BIGINT) AS "Rank" FROM "_q2"
-- $1 = "High"
