WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR))) AS _v("Host")),
"_q2" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $2)), '$[#-1]'), '') AS "Host" FROM "SecurityNestedRecommendation" WHERE "RecommendationSeverity" = $3),
"_q3" AS (SELECT "Host" FROM "_q1" UNION ALL SELECT "Host" FROM "_q2"),
"_q4" AS (SELECT DISTINCT "Host" FROM "_q3"),
"_q5" AS (SELECT "CompromisedEntity", count(*) AS "Alerts" FROM "SecurityAlert" WHERE coalesce(len(list_filter((SELECT coalesce(list("Host"), []) FROM "_q4" WHERE "Host" IS NOT NULL), lambda __t: __t IS NOT NULL)) > 0 AND regexp_matches("Description", $4 || '(' || array_to_string(list_transform(list_filter((SELECT coalesce(list("Host"), []) FROM "_q4" WHERE "Host" IS NOT NULL), lambda __t: __t IS NOT NULL), lambda __t: regexp_escape(__t)), '|') || ')' || $5), false) GROUP BY "CompromisedEntity")
SELECT * FROM "_q5" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "vm-dc-01"
-- $2 = "/"
-- $3 = "Critical"
-- $4 = "(?i)(^|[^\\pL\\pN])"
-- $5 = "($|[^\\pL\\pN])"
