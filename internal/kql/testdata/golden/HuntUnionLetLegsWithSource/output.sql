WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "Host" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $3),
"_q3" AS (SELECT $4 AS "Feed", "Host", '' AS "AssessedResourceId", CAST(NULL AS DOUBLE) AS "_BilledSize", CAST(NULL AS DOUBLE) AS "CurrentScore", '' AS "DisplayName", '' AS "Environment", '' AS "_IsBillable", CAST(NULL AS BOOLEAN) AS "IsSnapshot", CAST(NULL AS INTEGER) AS "MaxScore", CAST(NULL AS DOUBLE) AS "PercentageScore", CAST(NULL AS JSON) AS "Properties", '' AS "_ResourceId", '' AS "ResourceProviderType", '' AS "SecureScoresSubscriptionId", '' AS "SourceSystem", '' AS "_SubscriptionId", '' AS "TenantId", CAST(NULL AS TIMESTAMP) AS "TimeGenerated", '' AS "Type", CAST(NULL AS BIGINT) AS "Weight" FROM "_q1" UNION ALL SELECT $5 AS "Feed", "Host", '' AS "AssessedResourceId", CAST(NULL AS DOUBLE) AS "_BilledSize", CAST(NULL AS DOUBLE) AS "CurrentScore", '' AS "DisplayName", '' AS "Environment", '' AS "_IsBillable", CAST(NULL AS BOOLEAN) AS "IsSnapshot", CAST(NULL AS INTEGER) AS "MaxScore", CAST(NULL AS DOUBLE) AS "PercentageScore", CAST(NULL AS JSON) AS "Properties", '' AS "_ResourceId", '' AS "ResourceProviderType", '' AS "SecureScoresSubscriptionId", '' AS "SourceSystem", '' AS "_SubscriptionId", '' AS "TenantId", CAST(NULL AS TIMESTAMP) AS "TimeGenerated", '' AS "Type", CAST(NULL AS BIGINT) AS "Weight" FROM "_q2" UNION ALL SELECT $6 AS "Feed", '' AS "Host", "AssessedResourceId", "_BilledSize", "CurrentScore", "DisplayName", "Environment", "_IsBillable", "IsSnapshot", "MaxScore", "PercentageScore", "Properties", "_ResourceId", "ResourceProviderType", "SecureScoresSubscriptionId", "SourceSystem", "_SubscriptionId", "TenantId", "TimeGenerated", "Type", "Weight" FROM "SecureScores"),
"_q4" AS (SELECT "Feed", count(*) AS "Rows", count(DISTINCT "Host") AS "Hosts" FROM "_q3" GROUP BY "Feed")
SELECT * FROM "_q4" ORDER BY "Feed" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "/"
-- $3 = "Critical"
-- $4 = "union_arg0"
-- $5 = "union_arg1"
-- $6 = "SecureScores"
