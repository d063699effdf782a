WITH "_q1" AS (SELECT "CompromisedEntity", coalesce(to_json(map_from_entries(list_sort(map_entries(list_reduce(list(TRY_CAST(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null') AS MAP(VARCHAR, JSON))) FILTER (WHERE json_type(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null')) = 'OBJECT' AND "Status" = $1), lambda __a, __b: map_concat(__a, __b)))))), CAST('{}' AS JSON)) AS "Investigating" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST)
SELECT "CompromisedEntity", CAST("Investigating" AS VARCHAR) AS "Investigating" FROM "_q2"
-- $1 = "InProgress"
