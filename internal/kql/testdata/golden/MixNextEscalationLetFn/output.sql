WITH "_q1" AS (SELECT * FROM "SecurityAlert" ORDER BY "CompromisedEntity" ASC NULLS FIRST, "TimeGenerated" ASC NULLS FIRST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(lead("AlertSeverity", 1) OVER (ORDER BY "_serial"), '') AS "_next", coalesce(lead("CompromisedEntity", 1) OVER (ORDER BY "_serial"), '') AS "_next_2" FROM "_q2"),
"_q4" AS (SELECT "AlertLink", "AlertName", "AlertSeverity", "AlertType", "_BilledSize", "CompromisedEntity", "ConfidenceLevel", "ConfidenceScore", "Description", "DisplayName", "EndTime", "Entities", "ExtendedLinks", "ExtendedProperties", "_IsBillable", "IsIncident", "ProcessingEndTime", "ProductComponentName", "ProductName", "ProviderName", "RemediationSteps", "ResourceId", "SourceComputerId", "StartTime", "Status", "SubTechniques", "SystemAlertId", "Tactics", "Techniques", "TimeGenerated", "Type", "VendorName", "VendorOriginalId", "WorkspaceResourceGroup", "WorkspaceSubscriptionId", "TenantId", "SourceSystem", "_ResourceId", "_SubscriptionId", "_next" AS "NextSev", "_next_2" AS "NextMachine" FROM "_q3" ORDER BY "_serial"),
"_q5" AS (SELECT "CompromisedEntity", count(*) AS "Escalations", coalesce(to_json(list(DISTINCT "NextSev" ORDER BY "NextSev") FILTER (WHERE "NextSev" IS NOT NULL)), CAST('[]' AS JSON)) AS "Into" FROM "_q4" WHERE "NextMachine" = "CompromisedEntity" AND CASE WHEN "NextSev" = $1 THEN CAST(3 AS BIGINT) WHEN "NextSev" = $2 THEN CAST(2 AS BIGINT) WHEN "NextSev" = $3 THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END > CASE WHEN "AlertSeverity" = $1 THEN CAST(3 AS BIGINT) WHEN "AlertSeverity" = $2 THEN CAST(2 AS BIGINT) WHEN "AlertSeverity" = $3 THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END GROUP BY "CompromisedEntity"),
"_q6" AS (SELECT * FROM "_q5" ORDER BY "CompromisedEntity" ASC NULLS FIRST)
SELECT "CompromisedEntity", "Escalations", CAST("Into" AS VARCHAR) AS "Into" FROM "_q6"
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Low"
