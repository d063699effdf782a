WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "ProductComponentName" = $1 ORDER BY "ConfidenceScore" ASC NULLS FIRST, "TimeGenerated" DESC NULLS LAST)
SELECT "TimeGenerated", "AlertName", "ConfidenceScore" FROM "_q1"
-- $1 = "Kubernetes Service"
