WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("ResourceId", $1)), '$[#-3]'), '') AS "Provider", coalesce(json_extract_string(to_json(string_split("ResourceId", $1)), '$[#-2]'), '') AS "Kind" FROM "SecurityAlert")
SELECT "Provider", "Kind", count(*) AS "Alerts" FROM "_q1" GROUP BY "Provider", "Kind"
-- $1 = "/"
