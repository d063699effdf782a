WITH "_q1" AS (SELECT "SystemAlertId", "CompromisedEntity" FROM "SecurityAlert" WHERE "IsIncident"),
"_q2" AS (SELECT "CompromisedEntity", count(DISTINCT "SystemAlertId") AS "Incidents" FROM "_q1" GROUP BY "CompromisedEntity")
SELECT * FROM "_q2" ORDER BY "Incidents" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
