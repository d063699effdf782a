WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "CompromisedEntity" = $1 ORDER BY "ConfidenceScore" DESC NULLS FIRST LIMIT 3)
SELECT "AlertName", "ConfidenceScore" FROM "_q1"
-- $1 = "aks-node-7"
