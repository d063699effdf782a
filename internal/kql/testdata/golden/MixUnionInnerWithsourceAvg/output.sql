WITH "_q1" AS (SELECT $1 AS "Source", "AssessedResourceId", "_BilledSize", "CurrentScore", "Environment", "_IsBillable", "IsSnapshot", "MaxScore", "PercentageScore", "Properties", "_ResourceId", "ResourceProviderType", "SecureScoresSubscriptionId", "SourceSystem", "_SubscriptionId", "TenantId", "TimeGenerated", "Type", "Weight" FROM "SecureScores" UNION ALL SELECT $2 AS "Source", "AssessedResourceId", "_BilledSize", "CurrentScore", "Environment", "_IsBillable", "IsSnapshot", "MaxScore", "PercentageScore", "Properties", "_ResourceId", "ResourceProviderType", "SecureScoresSubscriptionId", "SourceSystem", "_SubscriptionId", "TenantId", "TimeGenerated", "Type", "Weight" FROM "SecureScoreControls"),
"_q2" AS (SELECT "Source", CAST(round(avg("PercentageScore"), 4) AS DOUBLE) AS "AvgPct", max("MaxScore") AS "Max", count(*) AS "Rows" FROM "_q1" GROUP BY "Source")
SELECT * FROM "_q2" ORDER BY "Source" ASC NULLS FIRST
-- $1 = "SecureScores"
-- $2 = "SecureScoreControls"
