WITH "_q1" AS (SELECT "CompromisedEntity", min("StartTime") AS "First", max("EndTime") AS "Last" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT *, CAST(((epoch_us("Last") - epoch_us("First")) * 10) AS DOUBLE) / 36000000000 AS "DurationHours" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST
