WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-03 12:00:00'),
"_q5" AS (SELECT "_q3"."AlertName" AS "AlertName", "_q3"."FirstSeen" AS "FirstSeen", "_q3"."LastSeen" AS "LastSeen", "_q3"."Hosts" AS "Hosts" FROM (SELECT DISTINCT "AlertName" AS "__key" FROM "_q1") AS "_q2", LATERAL (WITH "_q4" AS (SELECT "AlertName", min("TimeGenerated") AS "FirstSeen", max("TimeGenerated") AS "LastSeen", count(DISTINCT "CompromisedEntity") AS "Hosts" FROM (SELECT * FROM "_q1" WHERE "AlertName" = "_q2"."__key") GROUP BY "AlertName")
SELECT * FROM "_q4" WHERE "Hosts" > 1) AS "_q3")
SELECT * FROM "_q5" ORDER BY "AlertName" ASC NULLS FIRST
