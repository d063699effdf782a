WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-07 12:00:00'),
"_q2" AS (SELECT "CompromisedEntity", count(*) AS "Alerts", coalesce(to_json(list(DISTINCT "AlertSeverity" ORDER BY "AlertSeverity") FILTER (WHERE "AlertSeverity" IS NOT NULL)), CAST('[]' AS JSON)) AS "Severities" FROM "_q1" GROUP BY "CompromisedEntity"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "Alerts" DESC NULLS LAST LIMIT 2)
SELECT "CompromisedEntity", "Alerts", CAST("Severities" AS VARCHAR) AS "Severities" FROM "_q3"
