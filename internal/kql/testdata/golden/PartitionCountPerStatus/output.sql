WITH "_q3" AS (SELECT "_q2"."Count" AS "Count" FROM (SELECT DISTINCT "Status" AS "__key" FROM "SecurityAlert") AS "_q1", LATERAL (SELECT count(*) AS "Count" FROM (SELECT * FROM "SecurityAlert" WHERE "Status" = "_q1"."__key")) AS "_q2")
SELECT * FROM "_q3" ORDER BY "Count" DESC NULLS LAST
