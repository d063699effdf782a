WITH "_q1" AS (SELECT "CompromisedEntity", count(*) AS "AlertCount" FROM "SecurityAlert" GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" WHERE "AlertCount" >= 5 ORDER BY "AlertCount" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
