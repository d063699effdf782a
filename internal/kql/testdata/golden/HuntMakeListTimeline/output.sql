WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "CompromisedEntity" = $1 ORDER BY "TimeGenerated" ASC NULLS FIRST),
"_q2" AS (SELECT "CompromisedEntity", coalesce(to_json(list("AlertName") FILTER (WHERE "AlertName" IS NOT NULL)), CAST('[]' AS JSON)) AS "Timeline", count(*) AS "Count" FROM "_q1" GROUP BY "CompromisedEntity")
SELECT "CompromisedEntity", CAST("Timeline" AS VARCHAR) AS "Timeline", "Count" FROM "_q2"
-- $1 = "vm-dc-01"
