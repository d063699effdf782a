WITH "_q4" AS (SELECT "_q2"."CompromisedEntity" AS "CompromisedEntity", "_q2"."AlertName" AS "AlertName", "_q2"."Alerts" AS "Alerts" FROM (SELECT DISTINCT "CompromisedEntity" AS "__key" FROM "SecurityAlert") AS "_q1", LATERAL (WITH "_q3" AS (SELECT "CompromisedEntity", "AlertName", count(*) AS "Alerts" FROM (SELECT * FROM "SecurityAlert" WHERE "CompromisedEntity" = "_q1"."__key") GROUP BY "CompromisedEntity", "AlertName")
SELECT * FROM "_q3" ORDER BY "Alerts" DESC NULLS LAST, "AlertName" ASC NULLS FIRST LIMIT 1) AS "_q2")
SELECT * FROM "_q4" ORDER BY "CompromisedEntity" ASC NULLS FIRST
