WITH "_q1" AS (SELECT floor("ConfidenceScore" / 0.25::DOUBLE) * 0.25::DOUBLE AS "Bucket", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY floor("ConfidenceScore" / 0.25::DOUBLE) * 0.25::DOUBLE)
SELECT * FROM "_q1" ORDER BY "Bucket" ASC NULLS FIRST
