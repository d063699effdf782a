WITH "_q1" AS (SELECT "CompromisedEntity", coalesce(to_json(list(DISTINCT "AlertSeverity" ORDER BY "AlertSeverity") FILTER (WHERE "AlertSeverity" IS NOT NULL)), CAST('[]' AS JSON)) AS "Severities", count(DISTINCT "AlertName") AS "Names" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT * FROM "_q1" WHERE (CASE WHEN json_type("Severities") = 'ARRAY' THEN CAST(json_array_length("Severities") AS BIGINT) END) >= 3 ORDER BY "CompromisedEntity" ASC NULLS FIRST)
SELECT "CompromisedEntity", CAST("Severities" AS VARCHAR) AS "Severities", "Names" FROM "_q2"
