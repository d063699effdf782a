WITH "_q1" AS (SELECT *, to_json(string_split("Tactics", $1)) AS "Parts" FROM "SecurityAlert" WHERE contains(lower("Tactics"), $2))
SELECT "AlertName", "Tactics", coalesce(json_extract_string("Parts", '$[0]'), '') AS "First", CASE WHEN json_type("Parts") = 'ARRAY' THEN CAST(json_array_length("Parts") AS BIGINT) END AS "Count" FROM "_q1"
-- $1 = ", "
-- $2 = ","
