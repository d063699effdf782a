SELECT "AlertName", "ConfidenceScore" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 ORDER BY "ConfidenceScore" ASC NULLS LAST, "AlertName" DESC NULLS LAST
-- $1 = "Low"
