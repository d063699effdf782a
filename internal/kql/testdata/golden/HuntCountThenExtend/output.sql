WITH "_q1" AS (SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE "IsIncident")
SELECT *, concat($1, coalesce(CAST("Count" AS VARCHAR), '')) AS "Label" FROM "_q1"
-- $1 = "incidents: "
