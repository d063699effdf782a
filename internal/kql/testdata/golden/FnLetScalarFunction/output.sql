WITH "_q1" AS (SELECT *, "AlertSeverity" IN ($1, $2) AS "Risky", "Status" NOT IN ($3, $4) AS "Column1" FROM "SecurityAlert" WHERE "AlertSeverity" IN ($1, $2) AND "Status" NOT IN ($3, $4)),
"_q2" AS (SELECT "AlertSeverity", "CompromisedEntity", "Risky", "Column1", count(*) AS "Alerts" FROM "_q1" GROUP BY "AlertSeverity", "CompromisedEntity", "Risky", "Column1")
SELECT * FROM "_q2" ORDER BY "Alerts" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST, "AlertSeverity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Resolved"
-- $4 = "Dismissed"
