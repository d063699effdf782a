WITH "_q1" AS (SELECT *, CASE WHEN starts_with(lower("AssessedResourceId"), $1) OR contains(lower("AssessedResourceId"), $2) THEN $3 WHEN contains(lower("AssessedResourceId"), $4) THEN $5 ELSE $6 END AS "Cloud" FROM "SecurityRecommendation" WHERE "RecommendationState" = $7),
"_q2" AS (SELECT "Cloud" AS "__k1", count(*) AS "__a" FROM "_q1" GROUP BY "Cloud"),
"_q3" AS (SELECT "t"."__k1" AS "__k1", "t"."__a" AS "__a1" FROM (SELECT * FROM "_q2") AS "t"),
"_q4" AS (SELECT "Cloud" AS "__k1", "RecommendationSeverity" AS "__k2", min("TimeGenerated") AS "__a" FROM "_q1" GROUP BY "Cloud", "RecommendationSeverity"),
"_q5" AS (SELECT "p"."__k1", "p"."__a1", "t"."__k2" AS "__k2", "t"."__a" AS "__a2" FROM "_q3" AS "p" JOIN (SELECT * FROM "_q4" QUALIFY row_number() OVER (PARTITION BY "__k1" ORDER BY "__a" ASC NULLS FIRST, "__k2" ASC NULLS FIRST) <= 1) AS "t" ON "p"."__k1" IS NOT DISTINCT FROM "t"."__k1"),
"_q6" AS (SELECT "__k1" AS "Cloud", "__a1" AS "Recommendations", "__k2" AS "RecommendationSeverity", "__a2" AS "FirstSeen" FROM "_q5")
SELECT * FROM "_q6" ORDER BY "Cloud" ASC NULLS FIRST
-- $1 = "arn:aws"
-- $2 = "/providers/aws/"
-- $3 = "AWS"
-- $4 = "/providers/gcp/"
-- $5 = "GCP"
-- $6 = "Azure"
-- $7 = "Unhealthy"
