SELECT "CompromisedEntity", "ConfidenceLevel", "ConfidenceScore", "DisplayName", "IsIncident", "ProductComponentName", "ProductName", "ProviderName", "RemediationSteps", "ResourceId", "SourceComputerId", "Status", "SubTechniques", "SystemAlertId", "Tactics", "Techniques", "TimeGenerated", "Type", "TenantId", "SourceSystem" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "Status" = $2 ORDER BY "TimeGenerated" ASC NULLS FIRST LIMIT 3
-- $1 = "High"
-- $2 = "New"
