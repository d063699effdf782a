WITH "_q1" AS (SELECT * FROM "SecureScores" ORDER BY "TimeGenerated" DESC NULLS LAST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT "AssessedResourceId", "_BilledSize", "CurrentScore", "DisplayName", "Environment", "_IsBillable", "IsSnapshot", "MaxScore", "PercentageScore", "Properties", "_ResourceId", "ResourceProviderType", "SecureScoresSubscriptionId", "SourceSystem", "_SubscriptionId", "TenantId", "TimeGenerated", "Type", "Weight" FROM "_q2" WHERE CAST("_serial" AS BIGINT) <= 3 ORDER BY "_serial")
SELECT "TimeGenerated", "SecureScoresSubscriptionId", "CurrentScore" FROM "_q3"
