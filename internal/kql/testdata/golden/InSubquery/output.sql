WITH "_q1" AS (SELECT DISTINCT "CompromisedEntity" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "Status" = $2)
SELECT "CompromisedEntity", "AlertName", "AlertSeverity" FROM "SecurityAlert" WHERE "CompromisedEntity" IN (SELECT "CompromisedEntity" FROM "_q1" WHERE "CompromisedEntity" IS NOT NULL) AND "AlertSeverity" <> $1 ORDER BY "CompromisedEntity" ASC NULLS FIRST, "AlertName" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "New"
