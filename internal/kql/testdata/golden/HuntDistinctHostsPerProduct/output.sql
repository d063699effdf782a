WITH "_q1" AS (SELECT DISTINCT "ProductName", "CompromisedEntity" FROM "SecurityAlert")
SELECT * FROM "_q1" ORDER BY "ProductName" ASC NULLS FIRST, "CompromisedEntity" ASC NULLS FIRST
