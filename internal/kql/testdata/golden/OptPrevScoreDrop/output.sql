WITH "_q1" AS (SELECT * FROM "SecureScores" WHERE "SecureScoresSubscriptionId" = $1 ORDER BY "TimeGenerated" ASC NULLS FIRST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, lag("CurrentScore", 1) OVER (ORDER BY "_serial") AS "_prev" FROM "_q2"),
"_q4" AS (SELECT "AssessedResourceId", "_BilledSize", "CurrentScore", "DisplayName", "Environment", "_IsBillable", "IsSnapshot", "MaxScore", "PercentageScore", "Properties", "_ResourceId", "ResourceProviderType", "SecureScoresSubscriptionId", "SourceSystem", "_SubscriptionId", "TenantId", "TimeGenerated", "Type", "Weight" FROM "_q3" WHERE "CurrentScore" < "_prev" ORDER BY "_serial"),
"_q5" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q4"),
"_q6" AS (SELECT *, lag("CurrentScore", 1, CAST(0 AS DOUBLE)) OVER (ORDER BY "_serial") AS "_prev", lag("CurrentScore", 1, CAST(0 AS DOUBLE)) OVER (ORDER BY "_serial") AS "_prev_2" FROM "_q5"),
"_q7" AS (SELECT "AssessedResourceId", "_BilledSize", "CurrentScore", "DisplayName", "Environment", "_IsBillable", "IsSnapshot", "MaxScore", "PercentageScore", "Properties", "_ResourceId", "ResourceProviderType", "SecureScoresSubscriptionId", "SourceSystem", "_SubscriptionId", "TenantId", "TimeGenerated", "Type", "Weight", "_prev" AS "Before", "CurrentScore" - "_prev_2" AS "Delta" FROM "_q6" ORDER BY "_serial")
SELECT "TimeGenerated", "Before", "CurrentScore", "Delta" FROM "_q7"
-- $1 = "22222222-2222-2222-2222-222222222222"
