WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "CompromisedEntity" = $1 ORDER BY "ConfidenceScore" DESC NULLS LAST LIMIT 3)
SELECT "ConfidenceScore", "SystemAlertId" FROM "_q1"
-- $1 = "vm-web-02"
