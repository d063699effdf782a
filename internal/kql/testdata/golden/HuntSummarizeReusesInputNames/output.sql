WITH "_q1" AS (SELECT "CompromisedEntity", min("TimeGenerated") AS "StartTime", max("TimeGenerated") AS "EndTime", coalesce(to_json(list(DISTINCT "AlertName" ORDER BY "AlertName") FILTER (WHERE "AlertName" IS NOT NULL)), CAST('[]' AS JSON)) AS "AlertName" FROM "SecurityAlert" WHERE "AlertSeverity" IN ($1, $2) GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT *, CASE WHEN json_type("AlertName") = 'ARRAY' THEN CAST(json_array_length("AlertName") AS BIGINT) END AS "DistinctNames" FROM "_q1")
SELECT "CompromisedEntity", "StartTime", "EndTime", "DistinctNames" FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
