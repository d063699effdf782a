WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "ConfidenceScore" BETWEEN 0.5::DOUBLE AND 0.9::DOUBLE AND NOT ("ConfidenceScore" BETWEEN 0.6::DOUBLE AND 0.7::DOUBLE) GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
