WITH "_q1" AS (SELECT "Environment", coalesce(to_json(list(DISTINCT "ResourceRegion" ORDER BY "ResourceRegion") FILTER (WHERE "ResourceRegion" IS NOT NULL)), CAST('[]' AS JSON)) AS "Regions" FROM "SecurityRecommendation" WHERE coalesce("ResourceRegion", '') <> '' GROUP BY "Environment"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Environment" ASC NULLS FIRST)
SELECT "Environment", CAST("Regions" AS VARCHAR) AS "Regions" FROM "_q2"
