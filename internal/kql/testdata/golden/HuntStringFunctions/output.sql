WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("ResourceId", $1)), '$[4]'), '') AS "Rg", regexp_extract("ResourceId", $2, 1) AS "Provider" FROM "SecurityAlert"),
"_q2" AS (SELECT *, replace("Rg", $3, $4) AS "Short", upper(substr("Provider", (CASE WHEN 0 < 0 THEN greatest(length("Provider") + 0, 0) ELSE 0 END) + 1, greatest(9, 0))) AS "Upper", CAST(strpos("ResourceId", $5) AS BIGINT) - 1 AS "Pos" FROM "_q1"),
"_q3" AS (SELECT "Short", "Upper", "Pos", count(*) AS "Alerts" FROM "_q2" GROUP BY "Short", "Upper", "Pos")
SELECT * FROM "_q3" ORDER BY "Short" ASC NULLS FIRST
-- $1 = "/"
-- $2 = "providers/([^/]+)"
-- $3 = "rg-"
-- $4 = ""
-- $5 = "/resourceGroups/"
