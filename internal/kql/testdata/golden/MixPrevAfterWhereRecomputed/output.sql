WITH "_q1" AS (SELECT * FROM "SecurityAlert" ORDER BY "SystemAlertId" ASC NULLS FIRST, "TimeGenerated" ASC NULLS FIRST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(lag("SystemAlertId", 1) OVER (ORDER BY "_serial"), '') AS "_prev", coalesce(lag("Status", 1) OVER (ORDER BY "_serial"), '') AS "_prev_2" FROM "_q2"),
"_q4" AS (SELECT "AlertLink", "AlertName", "AlertSeverity", "AlertType", "_BilledSize", "CompromisedEntity", "ConfidenceLevel", "ConfidenceScore", "Description", "DisplayName", "EndTime", "Entities", "ExtendedLinks", "ExtendedProperties", "_IsBillable", "IsIncident", "ProcessingEndTime", "ProductComponentName", "ProductName", "ProviderName", "RemediationSteps", "ResourceId", "SourceComputerId", "StartTime", "Status", "SubTechniques", "SystemAlertId", "Tactics", "Techniques", "TimeGenerated", "Type", "VendorName", "VendorOriginalId", "WorkspaceResourceGroup", "WorkspaceSubscriptionId", "TenantId", "SourceSystem", "_ResourceId", "_SubscriptionId", CASE WHEN "_prev" = "SystemAlertId" THEN "_prev_2" ELSE $1 END AS "PrevStatus" FROM "_q3" ORDER BY "_serial"),
"_q5" AS (SELECT * FROM "_q4" WHERE coalesce("PrevStatus", '') <> ''),
"_q6" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q5"),
"_q7" AS (SELECT *, lag("TimeGenerated", 1) OVER (ORDER BY "_serial") AS "_prev" FROM "_q6")
SELECT "SystemAlertId", "PrevStatus" AS "From", "Status" AS "To", (epoch_us("TimeGenerated") - epoch_us("_prev")) * 10 AS "SincePreviousChange" FROM "_q7" ORDER BY "_serial"
-- $1 = ""
