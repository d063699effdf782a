WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-08 12:00:00' AND "ConfidenceScore" >= 0.8::DOUBLE GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
