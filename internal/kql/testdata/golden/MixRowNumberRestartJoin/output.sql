WITH "_q1" AS (SELECT * FROM "SecurityAlert" ORDER BY "CompromisedEntity" ASC NULLS FIRST, "TimeGenerated" DESC NULLS LAST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(lag("CompromisedEntity", 1) OVER (ORDER BY "_serial"), '') AS "_prev" FROM "_q2"),
"_q4" AS (SELECT *, sum(CASE WHEN "_prev" <> "CompromisedEntity" THEN 1 ELSE 0 END) OVER (ORDER BY "_serial" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "_run" FROM "_q3"),
"_q5" AS (SELECT *, CAST(row_number() OVER (PARTITION BY "_run" ORDER BY "_serial") AS BIGINT) AS "_row_number" FROM "_q4"),
"_q6" AS (SELECT "AlertLink", "AlertName", "AlertSeverity", "AlertType", "_BilledSize", "CompromisedEntity", "ConfidenceLevel", "ConfidenceScore", "Description", "DisplayName", "EndTime", "Entities", "ExtendedLinks", "ExtendedProperties", "_IsBillable", "IsIncident", "ProcessingEndTime", "ProductComponentName", "ProductName", "ProviderName", "RemediationSteps", "ResourceId", "SourceComputerId", "StartTime", "Status", "SubTechniques", "SystemAlertId", "Tactics", "Techniques", "TimeGenerated", "Type", "VendorName", "VendorOriginalId", "WorkspaceResourceGroup", "WorkspaceSubscriptionId", "TenantId", "SourceSystem", "_ResourceId", "_SubscriptionId", "_row_number" AS "Rank" FROM "_q5" ORDER BY "_serial"),
"_q7" AS (SELECT "CompromisedEntity", "Rank", "TimeGenerated", "AlertName" FROM "_q6" WHERE "Rank" <= 2),
"_q8" AS (SELECT "CompromisedEntity", count(*) AS "Total" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q9" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."Rank" AS "Rank", "l"."TimeGenerated" AS "TimeGenerated", "l"."AlertName" AS "AlertName", "r"."Total" AS "Total" FROM "_q7" AS "l" LEFT JOIN "_q8" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity")
SELECT * FROM "_q9" ORDER BY "CompromisedEntity" ASC NULLS FIRST, "Rank" ASC NULLS FIRST
