WITH "_q1" AS (SELECT "TimeGenerated" AS "timestamp", "AlertName", "CompromisedEntity" AS "HostCustomEntity", "ResourceId" AS "ResourceCustomEntity" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "Status" <> $2)
SELECT * FROM "_q1" ORDER BY "timestamp" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Resolved"
