WITH "_q1" AS (SELECT "AlertSeverity", coalesce(to_json(list(DISTINCT "Tactics" ORDER BY "Tactics") FILTER (WHERE "Tactics" IS NOT NULL)), CAST('[]' AS JSON)) AS "Tactics" FROM "SecurityAlert" GROUP BY "AlertSeverity"),
"_q2" AS (SELECT "AlertSeverity", unnest(coalesce(TRY_CAST(CAST("Tactics" AS JSON) AS JSON[]), CASE json_type("Tactics") WHEN 'OBJECT' THEN list_transform(json_keys("Tactics"), k -> json_object(k, json_extract("Tactics", '$."' || replace(replace(k, '\', '\\'), '"', '\"') || '"'))) ELSE ["Tactics"] END)) AS "Tactics" FROM "_q1"),
"_q3" AS (SELECT "AlertSeverity", coalesce(json_extract_string("Tactics", '$'), '') AS "Tactics" FROM "_q2"),
"_q4" AS (SELECT "Tactics", "AlertSeverity" FROM "_q3" WHERE coalesce("Tactics", '') <> '' ORDER BY "Tactics" ASC NULLS FIRST, "AlertSeverity" ASC NULLS FIRST)
SELECT "Tactics" AS "Tactic", "AlertSeverity" AS "Severity" FROM "_q4"
