SELECT "AlertName", "CompromisedEntity", "TimeGenerated" FROM "SecurityAlert" WHERE "AlertSeverity" IN ($1, $2) AND "AlertName" NOT IN ($3, $4) ORDER BY "TimeGenerated" ASC NULLS FIRST
-- $1 = "Low"
-- $2 = "Informational"
-- $3 = "Antimalware action taken"
-- $4 = "Traffic detected from IP addresses recommended for blocking"
