WITH "_q1" AS (SELECT "CompromisedEntity", count(*) FILTER (WHERE "IsIncident") AS "Incidents", count(*) AS "Total", CAST(round((100::DOUBLE * count(*) FILTER (WHERE "IsIncident")) / count(*), 2) AS DOUBLE) AS "Column1" FROM "SecurityAlert" GROUP BY "CompromisedEntity")
SELECT * FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST
