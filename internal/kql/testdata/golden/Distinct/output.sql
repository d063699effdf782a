WITH "_q1" AS (SELECT DISTINCT "AlertSeverity", "Status" FROM "SecurityAlert")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST, "Status" ASC NULLS FIRST
