WITH "_q1" AS (SELECT "Type", "Environment", count(*) AS "Rows" FROM "SecurityRecommendation" WHERE "Type" = $1 AND "Environment" <> $2 GROUP BY "Type", "Environment")
SELECT * FROM "_q1" ORDER BY "Environment" ASC NULLS FIRST
-- $1 = "SecurityRecommendation"
-- $2 = "GCP"
