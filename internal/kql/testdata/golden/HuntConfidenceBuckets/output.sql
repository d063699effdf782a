WITH "_q1" AS (SELECT floor(("ConfidenceScore" * 10) / 2) * 2 AS "Bucket", count(*) AS "count_" FROM "SecurityAlert" WHERE "ConfidenceScore" IS NOT NULL GROUP BY floor(("ConfidenceScore" * 10) / 2) * 2)
SELECT * FROM "_q1" ORDER BY "Bucket" ASC NULLS FIRST
