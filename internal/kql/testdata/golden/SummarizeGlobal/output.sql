WITH "_q1" AS (SELECT count(*) AS "Alerts", count(DISTINCT "CompromisedEntity") AS "Hosts", coalesce(to_json(list(DISTINCT "AlertName" ORDER BY "AlertName") FILTER (WHERE "AlertName" IS NOT NULL)), CAST('[]' AS JSON)) AS "Names" FROM "SecurityAlert" WHERE "AlertSeverity" = $1)
SELECT "Alerts", "Hosts", CAST("Names" AS VARCHAR) AS "Names" FROM "_q1"
-- $1 = "High"
