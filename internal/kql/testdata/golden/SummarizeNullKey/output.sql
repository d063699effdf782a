WITH "_q1" AS (SELECT floor("ConfidenceScore" / 0.5::DOUBLE) * 0.5::DOUBLE AS "ConfidenceScore", count(*) AS "count_" FROM "SecurityAlert" GROUP BY floor("ConfidenceScore" / 0.5::DOUBLE) * 0.5::DOUBLE)
SELECT * FROM "_q1" ORDER BY "ConfidenceScore" ASC NULLS FIRST
