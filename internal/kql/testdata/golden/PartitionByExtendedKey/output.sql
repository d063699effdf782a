WITH "_q1" AS (SELECT *, upper("CompromisedEntity") AS "Host" FROM "SecurityAlert"),
"_q5" AS (SELECT "_q3"."Host" AS "Host", "_q3"."FirstAlert" AS "FirstAlert", "_q3"."TimeGenerated" AS "TimeGenerated" FROM (SELECT DISTINCT "Host" AS "__key" FROM "_q1") AS "_q2", LATERAL (WITH "_q4" AS (SELECT * FROM (SELECT * FROM "_q1" WHERE "Host" = "_q2"."__key") ORDER BY "TimeGenerated" ASC NULLS FIRST LIMIT 1)
SELECT "Host", "AlertName" AS "FirstAlert", "TimeGenerated" FROM "_q4") AS "_q3")
SELECT * FROM "_q5" ORDER BY "Host" ASC NULLS FIRST
