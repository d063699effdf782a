WITH "_q1" AS (SELECT * FROM "SecurityAlert" ORDER BY "ConfidenceScore" ASC NULLS FIRST LIMIT 5)
SELECT "ConfidenceScore" FROM "_q1"
