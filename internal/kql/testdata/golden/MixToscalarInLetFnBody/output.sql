WITH "_q1" AS (SELECT avg("ConfidenceScore") AS "avg_ConfidenceScore" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 LIMIT 1),
"_q2" AS (SELECT avg("ConfidenceScore") AS "avg_ConfidenceScore" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 LIMIT 1),
"_q3" AS (SELECT "AlertSeverity", "SystemAlertId", "ConfidenceScore" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "ConfidenceScore" > (SELECT "avg_ConfidenceScore" FROM "_q1" LIMIT 1) UNION ALL SELECT "AlertSeverity", "SystemAlertId", "ConfidenceScore" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 AND "ConfidenceScore" > (SELECT "avg_ConfidenceScore" FROM "_q2" LIMIT 1))
SELECT * FROM "_q3" ORDER BY "AlertSeverity" ASC NULLS FIRST, "ConfidenceScore" DESC NULLS LAST, "SystemAlertId" ASC NULLS FIRST
-- $1 = "Low"
-- $2 = "Medium"
