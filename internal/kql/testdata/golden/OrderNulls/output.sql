SELECT "AlertName", "ConfidenceScore" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 ORDER BY "ConfidenceScore" ASC NULLS FIRST, "AlertName" ASC NULLS FIRST
-- $1 = "Low"
