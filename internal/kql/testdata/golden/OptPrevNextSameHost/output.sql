WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "CompromisedEntity" = $1 ORDER BY "TimeGenerated" ASC NULLS FIRST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(lag("AlertName", 1) OVER (ORDER BY "_serial"), '') AS "_prev", lag("TimeGenerated", 1) OVER (ORDER BY "_serial") AS "_prev_2", lead("AlertName", 1, CAST($2 AS VARCHAR)) OVER (ORDER BY "_serial") AS "_next" FROM "_q2"),
"_q4" AS (SELECT "AlertLink", "AlertName", "AlertSeverity", "AlertType", "_BilledSize", "CompromisedEntity", "ConfidenceLevel", "ConfidenceScore", "Description", "DisplayName", "EndTime", "Entities", "ExtendedLinks", "ExtendedProperties", "_IsBillable", "IsIncident", "ProcessingEndTime", "ProductComponentName", "ProductName", "ProviderName", "RemediationSteps", "ResourceId", "SourceComputerId", "StartTime", "Status", "SubTechniques", "SystemAlertId", "Tactics", "Techniques", "TimeGenerated", "Type", "VendorName", "VendorOriginalId", "WorkspaceResourceGroup", "WorkspaceSubscriptionId", "TenantId", "SourceSystem", "_ResourceId", "_SubscriptionId", "_prev" AS "PreviousAlert", "_prev_2" AS "PreviousTime", "_next" AS "NextAlert" FROM "_q3" ORDER BY "_serial"),
"_q5" AS (SELECT *, date_diff('hour', "PreviousTime", "TimeGenerated") AS "HoursSincePrevious" FROM "_q4")
SELECT "TimeGenerated", "AlertName", "PreviousAlert", "HoursSincePrevious", "NextAlert" FROM "_q5"
-- $1 = "vm-sql-01"
-- $2 = "none"
