SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE "IsIncident"
