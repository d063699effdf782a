WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null') AS "Props" FROM "SecurityAlert"),
"_q2" AS (SELECT *, coalesce(json_extract_string("Props", '$."Attacker IP"'), '') AS "AttackerIP" FROM "_q1"),
"_q3" AS (SELECT "AttackerIP", "CompromisedEntity", count(*) AS "Alerts" FROM "_q2" WHERE coalesce("AttackerIP", '') <> '' GROUP BY "AttackerIP", "CompromisedEntity")
SELECT * FROM "_q3" ORDER BY "CompromisedEntity" ASC NULLS FIRST
