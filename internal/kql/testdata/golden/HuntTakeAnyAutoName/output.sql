WITH "_q1" AS (SELECT "CompromisedEntity", any_value("AlertName") AS "AlertName", any_value("Status") AS "any_Status", count(*) AS "count_" FROM "SecurityAlert" GROUP BY "CompromisedEntity")
SELECT "CompromisedEntity", "count_" FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST
