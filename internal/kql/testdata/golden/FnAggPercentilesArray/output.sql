WITH "_q1" AS (SELECT "AlertSeverity", to_json(quantile_disc("ConfidenceScore", [0.5, 0.9])) AS "percentiles_ConfidenceScore", to_json(quantile_disc("ConfidenceScore", [0.25, 0.75])) AS "Quartiles", count(*) AS "Weights" FROM "SecurityAlert" GROUP BY "AlertSeverity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST)
SELECT "AlertSeverity", CAST("percentiles_ConfidenceScore" AS VARCHAR) AS "percentiles_ConfidenceScore", CAST("Quartiles" AS VARCHAR) AS "Quartiles", "Weights" FROM "_q2"
