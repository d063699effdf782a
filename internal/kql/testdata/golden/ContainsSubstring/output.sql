SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE contains(lower("AlertName"), $1)
-- $1 = "shell"
