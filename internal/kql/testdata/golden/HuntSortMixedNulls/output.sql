WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "CompromisedEntity" IN ($1, $2) ORDER BY "CompromisedEntity" DESC NULLS LAST, "ConfidenceScore" ASC NULLS FIRST)
SELECT "CompromisedEntity", "ConfidenceScore" FROM "_q1"
-- $1 = "vm-web-02"
-- $2 = "aks-node-7"
