WITH "_q1" AS (SELECT "CompromisedEntity", (epoch_us(max("TimeGenerated")) - epoch_us(min("TimeGenerated"))) * 10 AS "Column1", count(DISTINCT "AlertName") AS "dcount_AlertName" FROM "SecurityAlert" GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST
