WITH "_q1" AS (SELECT "AlertName", "CompromisedEntity", "TimeGenerated" AS "Time generated" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "Status" = $2)
SELECT * FROM "_q1" ORDER BY "Time generated" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "New"
