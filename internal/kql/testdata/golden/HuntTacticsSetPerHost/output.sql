WITH "_q1" AS (SELECT "CompromisedEntity", coalesce(to_json(list_sort(list_distinct(flatten(list_transform(list(to_json(string_split("Tactics", $1))) FILTER (WHERE to_json(string_split("Tactics", $1)) IS NOT NULL), x -> CASE WHEN json_type(x) = 'ARRAY' THEN CAST(x AS JSON[]) ELSE [x] END))))), CAST('[]' AS JSON)) AS "Tactics" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT *, CASE WHEN json_type("Tactics") = 'ARRAY' THEN CAST(json_array_length("Tactics") AS BIGINT) END AS "TacticCount" FROM "_q1"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST)
SELECT "CompromisedEntity", CAST("Tactics" AS VARCHAR) AS "Tactics", "TacticCount" FROM "_q3"
-- $1 = ", "
