WITH "_q1" AS (SELECT coalesce(to_json(list(DISTINCT "CompromisedEntity" ORDER BY "CompromisedEntity") FILTER (WHERE "CompromisedEntity" IS NOT NULL)), CAST('[]' AS JSON)) AS "set_CompromisedEntity" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 LIMIT 1),
"_q2" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "Machine" FROM "SecurityRecommendation"),
"_q3" AS (SELECT "Machine", count(*) AS "Recs", count(*) FILTER (WHERE "RecommendationState" = $3) AS "Unhealthy" FROM "_q2" WHERE (list_contains(list_transform(coalesce(CASE WHEN json_type((SELECT "set_CompromisedEntity" FROM "_q1" LIMIT 1)) = 'ARRAY' THEN json_extract((SELECT "set_CompromisedEntity" FROM "_q1" LIMIT 1), '$[*]') ELSE [(SELECT "set_CompromisedEntity" FROM "_q1" LIMIT 1)] END, []), lambda __v: CASE WHEN json_type(__v) = 'VARCHAR' THEN json_extract_string(__v, '$') END), "Machine")) GROUP BY "Machine")
SELECT * FROM "_q3" ORDER BY "Machine" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "/"
-- $3 = "Unhealthy"
