WITH "_q1" AS (SELECT "AlertName", count(*) AS "Occurrences", count(DISTINCT "CompromisedEntity") AS "Hosts", max("TimeGenerated") AS "LastSeen" FROM "SecurityAlert" GROUP BY "AlertName")
SELECT * FROM "_q1" WHERE "Occurrences" = 1 ORDER BY "LastSeen" DESC NULLS LAST LIMIT 5
