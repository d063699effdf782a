WITH "_q1" AS (SELECT "AlertSeverity", "Status" FROM "SecurityAlert" GROUP BY "AlertSeverity", "Status")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST, "Status" ASC NULLS FIRST
