WITH "_q1" AS (SELECT count(*) AS "Alerts", count(DISTINCT "CompromisedEntity") AS "Entities" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' AND "AlertSeverity" = $1 AND "ConfidenceScore" >= 0.5::DOUBLE),
"_q2" AS (SELECT count(*) AS "Alerts", count(DISTINCT "CompromisedEntity") AS "Entities" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' AND "AlertSeverity" = $2 AND "ConfidenceScore" >= 0.5::DOUBLE),
"_q3" AS (SELECT count(*) AS "Alerts", count(DISTINCT "CompromisedEntity") AS "Entities" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-07 12:00:00' AND "AlertSeverity" = $1 AND "ConfidenceScore" >= 0.9::DOUBLE),
"_q4" AS (SELECT count(*) AS "Alerts", count(DISTINCT "CompromisedEntity") AS "Entities" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-09 12:00:00' AND "AlertSeverity" = $1 AND "ConfidenceScore" >= 0.5::DOUBLE),
"_q5" AS (SELECT "Alerts", "Entities", $3 AS "Hunt" FROM "_q1" UNION ALL SELECT "Alerts", "Entities", $4 AS "Hunt" FROM "_q2" UNION ALL SELECT "Alerts", "Entities", $5 AS "Hunt" FROM "_q3" UNION ALL SELECT "Alerts", "Entities", $6 AS "Hunt" FROM "_q4")
SELECT "Hunt", "Alerts", "Entities" FROM "_q5" ORDER BY "Hunt" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "default"
-- $4 = "medium"
-- $5 = "high, confident, 3d"
-- $6 = "bare name"
