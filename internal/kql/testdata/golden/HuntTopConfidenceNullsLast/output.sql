WITH "_q1" AS (SELECT * FROM "SecurityAlert" ORDER BY "ConfidenceScore" DESC NULLS LAST LIMIT 5)
SELECT "AlertName", "ConfidenceScore" FROM "_q1"
