WITH "_q1" AS (SELECT * FROM "SecurityAlert" ORDER BY "ConfidenceScore" DESC NULLS LAST LIMIT 3)
SELECT "AlertName", "ConfidenceScore", "CompromisedEntity" FROM "_q1"
