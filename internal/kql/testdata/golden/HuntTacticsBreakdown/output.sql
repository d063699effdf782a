WITH "_q1" AS (SELECT *, coalesce(json_extract_string(to_json(string_split("Tactics", $1)), '$[0]'), '') AS "Tactic" FROM "SecurityAlert" WHERE coalesce("Tactics", '') <> ''),
"_q2" AS (SELECT "Tactic", count(*) AS "count_" FROM "_q1" GROUP BY "Tactic")
SELECT * FROM "_q2" ORDER BY "count_" DESC NULLS LAST, "Tactic" ASC NULLS FIRST
-- $1 = ", "
