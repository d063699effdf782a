WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null') AS "Ents" FROM "SecurityAlert"),
"_q2" AS (SELECT *, coalesce(json_extract_string("Ents", '$[1].CommandLine'), '') AS "Cmd", coalesce(json_extract_string("Ents", '$[0].CommandLine'), '') AS "FirstCmd" FROM "_q1"),
"_q3" AS (SELECT *, CASE WHEN coalesce("Cmd", '') <> '' THEN "Cmd" ELSE "FirstCmd" END AS "CommandLine" FROM "_q2"),
"_q4" AS (SELECT "TimeGenerated", "CompromisedEntity", "CommandLine", regexp_matches("CommandLine", $1) AS "Encoded" FROM "_q3" WHERE coalesce("CommandLine", '') <> '')
SELECT * FROM "_q4" ORDER BY "TimeGenerated" DESC NULLS LAST
-- $1 = "(?i)(^|[^\\pL\\pN])-enc($|[^\\pL\\pN])"
