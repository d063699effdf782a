WITH "_q1" AS (SELECT * FROM "SecurityRegulatoryCompliance" WHERE "State" = $1 ORDER BY "ComplianceStandard" ASC NULLS FIRST, "FailedResources" DESC NULLS LAST, "ComplianceControl" ASC NULLS FIRST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(lag("ComplianceStandard", 1) OVER (ORDER BY "_serial"), '') AS "_prev" FROM "_q2"),
"_q4" AS (SELECT *, sum(CASE WHEN "_prev" <> "ComplianceStandard" THEN 1 ELSE 0 END) OVER (ORDER BY "_serial" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "_run" FROM "_q3"),
"_q5" AS (SELECT *, CAST(row_number() OVER (PARTITION BY "_run" ORDER BY "_serial") AS BIGINT) AS "_row_number" FROM "_q4"),
"_q6" AS (SELECT "AssessedResourceId", "_BilledSize", "ComplianceControl", "ComplianceStandard", "FailedResources", "_IsBillable", "IsSnapshot", "PassedResources", "Properties", "RecommendationId", "RecommendationLink", "RecommendationName", "RegulatoryComplianceSubscriptionId", "_ResourceId", "ResourceProviderType", "SkippedResources", "SourceSystem", "State", "_SubscriptionId", "TenantId", "TimeGenerated", "Type", "_row_number" AS "Rank" FROM "_q5" ORDER BY "_serial")
SELECT "ComplianceStandard", "Rank", "ComplianceControl", "FailedResources" FROM "_q6" WHERE "Rank" <= 2
-- $1 = "Failed"
