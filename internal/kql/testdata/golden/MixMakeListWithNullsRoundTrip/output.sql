WITH "_q1" AS (SELECT "CompromisedEntity", coalesce(to_json(list(to_json("ConfidenceScore"))), CAST('[]' AS JSON)) AS "L" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT "CompromisedEntity", unnest(coalesce(TRY_CAST(CAST("L" AS JSON) AS JSON[]), CASE json_type("L") WHEN 'OBJECT' THEN list_transform(json_keys("L"), k -> json_object(k, json_extract("L", '$."' || replace(replace(k, '\', '\\'), '"', '\"') || '"'))) ELSE ["L"] END)) AS "L" FROM "_q1"),
"_q3" AS (SELECT "CompromisedEntity", TRY_CAST(json_extract_string("L", '$') AS DOUBLE) AS "L" FROM "_q2"),
"_q4" AS (SELECT "CompromisedEntity", count(*) FILTER (WHERE "L" IS NULL) AS "Unscored", count(*) AS "Alerts" FROM "_q3" GROUP BY "CompromisedEntity")
SELECT * FROM "_q4" ORDER BY "CompromisedEntity" ASC NULLS FIRST
