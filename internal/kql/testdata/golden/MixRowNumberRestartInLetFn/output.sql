WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "ConfidenceScore" IS NOT NULL ORDER BY "CompromisedEntity" ASC NULLS FIRST, "ConfidenceScore" DESC NULLS LAST, "SystemAlertId" ASC NULLS FIRST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(lag("CompromisedEntity", 1) OVER (ORDER BY "_serial"), '') AS "_prev" FROM "_q2"),
"_q4" AS (SELECT *, sum(CASE WHEN "_prev" <> "CompromisedEntity" THEN 1 ELSE 0 END) OVER (ORDER BY "_serial" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "_run" FROM "_q3"),
"_q5" AS (SELECT *, CAST(row_number() OVER (PARTITION BY "_run" ORDER BY "_serial") AS BIGINT) AS "_row_number" FROM "_q4"),
"_q6" AS (SELECT "AlertLink", "AlertName", "AlertSeverity", "AlertType", "_BilledSize", "CompromisedEntity", "ConfidenceLevel", "ConfidenceScore", "Description", "DisplayName", "EndTime", "Entities", "ExtendedLinks", "ExtendedProperties", "_IsBillable", "IsIncident", "ProcessingEndTime", "ProductComponentName", "ProductName", "ProviderName", "RemediationSteps", "ResourceId", "SourceComputerId", "StartTime", "Status", "SubTechniques", "SystemAlertId", "Tactics", "Techniques", "TimeGenerated", "Type", "VendorName", "VendorOriginalId", "WorkspaceResourceGroup", "WorkspaceSubscriptionId", "TenantId", "SourceSystem", "_ResourceId", "_SubscriptionId", "_row_number" AS "Rank" FROM "_q5" ORDER BY "_serial")
SELECT "CompromisedEntity", "Rank", "ConfidenceScore", substr("SystemAlertId", greatest(0, 0) + 1, greatest(8, 0)) AS "SystemAlertId" FROM "_q6" WHERE "Rank" <= 2
-- $1 = "Medium"
