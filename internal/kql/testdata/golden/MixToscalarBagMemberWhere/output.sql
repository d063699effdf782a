WITH "_q1" AS (SELECT "CompromisedEntity", count(DISTINCT "AlertName") AS "Names" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "Names" DESC NULLS LAST LIMIT 1),
"_q3" AS (SELECT json_object($1, to_json("CompromisedEntity"), $2, to_json("Names")) AS "Column1" FROM "_q2" LIMIT 1),
"_q4" AS (SELECT "AlertSeverity", count(*) AS "Alerts", any_value(CASE WHEN regexp_matches(json_extract_string((SELECT "Column1" FROM "_q3" LIMIT 1), '$.names'), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(json_extract_string((SELECT "Column1" FROM "_q3" LIMIT 1), '$.names') AS DOUBLE)) AS INTEGER) ELSE TRY_CAST(json_extract_string((SELECT "Column1" FROM "_q3" LIMIT 1), '$.names') AS INTEGER) END) AS "Names" FROM "SecurityAlert" WHERE "CompromisedEntity" = coalesce(json_extract_string((SELECT "Column1" FROM "_q3" LIMIT 1), '$.machine'), '') GROUP BY "AlertSeverity")
SELECT * FROM "_q4" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "machine"
-- $2 = "names"
