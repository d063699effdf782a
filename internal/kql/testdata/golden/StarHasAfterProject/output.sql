WITH "_q1" AS (SELECT "RecommendationState", count(*) AS "count_" FROM "SecurityRecommendation" WHERE (regexp_matches("RecommendationDisplayName", $1) OR regexp_matches("AssessedResourceId", $1) OR regexp_matches("RecommendationState", $1)) GROUP BY "RecommendationState")
SELECT * FROM "_q1" ORDER BY "RecommendationState" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])kubernetes($|[^\\pL\\pN])"
