WITH "_q1" AS (SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Machine", $2 AS "Kind" FROM "SecurityRecommendation" UNION ALL SELECT coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Machine", $3 AS "Kind" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT "Machine" AS "CompromisedEntity", count(*) AS "Findings", count(*) FILTER (WHERE "Kind" = $3) AS "Vulns" FROM "_q1" GROUP BY "Machine"),
"_q3" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", count(*) AS "Alerts", any_value("r"."Findings") AS "Findings", any_value("r"."Vulns") AS "Vulns" FROM "SecurityAlert" AS "l" LEFT JOIN "_q2" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity" GROUP BY "l"."CompromisedEntity")
SELECT * FROM "_q3" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "recommendation"
-- $3 = "vulnerability"
