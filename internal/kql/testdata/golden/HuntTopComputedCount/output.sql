WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Alerts" DESC NULLS LAST LIMIT coalesce(greatest(CAST(CAST(2 + 1 AS BIGINT) AS BIGINT), 0), 9223372036854775807))
SELECT * FROM "_q2" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
