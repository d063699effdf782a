WITH "_q1" AS (SELECT "IsSnapshot", count(*) AS "count_" FROM "SecurityRecommendation" GROUP BY "IsSnapshot")
SELECT * FROM "_q1" ORDER BY "IsSnapshot" ASC NULLS FIRST
