WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Machine" FROM "SecurityRecommendation" WHERE "RecommendationState" = $2),
"_q2" AS (SELECT DISTINCT "CompromisedEntity" FROM "SecurityAlert" WHERE "AlertSeverity" = $3 AND "TimeGenerated" >= date_trunc('day', TIMESTAMP '2026-03-10 12:00:00')),
"_q3" AS (SELECT "Machine", coalesce(to_json(list(DISTINCT "RecommendationDisplayName" ORDER BY "RecommendationDisplayName") FILTER (WHERE "RecommendationDisplayName" IS NOT NULL)), CAST('[]' AS JSON)) AS "Recs" FROM "_q1" GROUP BY "Machine"),
"_q4" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "r"."Recs" AS "Recs" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."CompromisedEntity" = "r"."Machine"),
"_q5" AS (SELECT * FROM "_q4" ORDER BY "CompromisedEntity" ASC NULLS FIRST)
SELECT "CompromisedEntity", CAST("Recs" AS VARCHAR) AS "Recs" FROM "_q5"
-- $1 = "/"
-- $2 = "Unhealthy"
-- $3 = "High"
