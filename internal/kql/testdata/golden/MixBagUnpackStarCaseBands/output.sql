WITH "_q1" AS (SELECT "SystemAlertId", "CompromisedEntity", nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null') AS "Props" FROM "SecurityAlert" WHERE starts_with(lower("ExtendedProperties"), $1)),
"_q2" AS (SELECT "SystemAlertId", "CompromisedEntity", TRY_CAST(json_extract_string("Props", '$.Score') AS DOUBLE) AS "Score", coalesce(json_extract_string("Props", '$."Attacker IP"'), '') AS "Attacker IP" FROM "_q1"),
"_q3" AS (SELECT *, CASE WHEN "Score" >= 9 THEN $2 WHEN "Score" >= 6 THEN $3 WHEN "Score" IS NULL THEN $4 ELSE $5 END AS "Band" FROM "_q2"),
"_q4" AS (SELECT "Band", count(DISTINCT "SystemAlertId") AS "Alerts", count(DISTINCT "SystemAlertId") FILTER (WHERE coalesce("Attacker IP", '') <> '') AS "WithAttacker" FROM "_q3" GROUP BY "Band")
SELECT * FROM "_q4" ORDER BY "Band" ASC NULLS FIRST
-- $1 = "{"
-- $2 = "critical"
-- $3 = "elevated"
-- $4 = "unknown"
-- $5 = "low"
