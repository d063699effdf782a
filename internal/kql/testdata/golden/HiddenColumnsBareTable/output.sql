WITH "_q1" AS (SELECT * FROM "SecureScores" WHERE "_SubscriptionId" <> $1 ORDER BY "TimeGenerated" ASC NULLS FIRST, "DisplayName" ASC NULLS FIRST LIMIT 2)
SELECT "AssessedResourceId", "CurrentScore", "DisplayName", "Environment", "IsSnapshot", "MaxScore", "PercentageScore", CAST("Properties" AS VARCHAR) AS "Properties", "ResourceProviderType", "SecureScoresSubscriptionId", "SourceSystem", "TenantId", "TimeGenerated", "Type", "Weight" FROM "_q1"
-- $1 = ""
