WITH "_q1" AS (SELECT *, CAST(round("ConfidenceScore" * 10::DOUBLE, 1) AS DOUBLE) AS "Default", CAST(round("ConfidenceScore" * 20::DOUBLE, 1) AS DOUBLE) AS "Doubled", CAST(round("ConfidenceScore" * 2::DOUBLE, 1) AS DOUBLE) AS "Named" FROM "SecurityAlert" WHERE "ConfidenceScore" IS NOT NULL),
"_q2" AS (SELECT *, CASE WHEN "Default" >= 9::DOUBLE THEN $1 WHEN "Default" >= 6::DOUBLE THEN $2 ELSE $3 END AS "Label" FROM "_q1")
SELECT "SystemAlertId", "ConfidenceScore", "Default", "Doubled", "Named", "Label" FROM "_q2" ORDER BY "SystemAlertId" ASC NULLS FIRST LIMIT 6
-- $1 = "critical"
-- $2 = "elevated"
-- $3 = "routine"
