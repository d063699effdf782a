WITH "_q1" AS (SELECT json_object($1, to_json(9::DOUBLE), $2, to_json($3)) AS "print_0" FROM (SELECT 1) AS "_one"),
"_q2" AS (SELECT * FROM "_q1" LIMIT 1),
"_q3" AS (SELECT *, TRY_CAST(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$.Score') AS DOUBLE) AS "Score" FROM "SecurityAlert"),
"_q4" AS (SELECT "CompromisedEntity", count(*) AS "Alerts", count(DISTINCT "SystemAlertId") AS "Ids", min("Score") AS "Lowest" FROM "_q3" WHERE "AlertSeverity" = coalesce(json_extract_string((SELECT "print_0" FROM "_q2" LIMIT 1), '$.sev'), '') AND "Score" >= TRY_CAST(json_extract_string((SELECT "print_0" FROM "_q2" LIMIT 1), '$.minScore') AS DOUBLE) GROUP BY "CompromisedEntity")
SELECT * FROM "_q4" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "minScore"
-- $2 = "sev"
-- $3 = "High"
