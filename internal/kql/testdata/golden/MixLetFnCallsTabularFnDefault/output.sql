WITH "_q1" AS (SELECT count(*) FILTER (WHERE "IsIncident") AS "Incidents", count(*) FILTER (WHERE "ConfidenceScore" >= 0.5::DOUBLE) AS "Confident", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "CompromisedEntity" = $1),
"_q2" AS (SELECT count(*) FILTER (WHERE "IsIncident") AS "Incidents", count(*) FILTER (WHERE "ConfidenceScore" >= 0.9::DOUBLE) AS "Confident", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "CompromisedEntity" = $2),
"_q3" AS (SELECT "Incidents", "Confident", "Alerts", $1 AS "Machine" FROM "_q1" UNION ALL SELECT "Incidents", "Confident", "Alerts", $2 AS "Machine" FROM "_q2")
SELECT "Machine", "Alerts", "Incidents", "Confident" FROM "_q3" ORDER BY "Machine" ASC NULLS FIRST
-- $1 = "vm-web-01"
-- $2 = "aks-node-7"
