SELECT count(*) AS "Count" FROM "SecurityAlert"
