WITH "_q1" AS (SELECT "AlertSeverity", "Status", count(*) AS "Alerts" FROM "SecurityAlert" WHERE NOT "IsIncident" AND NOT "AlertSeverity" IN ($1, $2) GROUP BY "AlertSeverity", "Status")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST, "Status" ASC NULLS FIRST
-- $1 = "Low"
-- $2 = "Informational"
