WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null') AS "Props" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT "SystemAlertId", "AlertName", TRY_CAST(json_extract_string("Props", '$.Score') AS DOUBLE) AS "Score", coalesce(json_extract_string("Props", '$."Compromised Host"'), '') AS "Compromised Host", coalesce(json_extract_string("Props", '$."Attacker IP"'), '') AS "Attacker IP" FROM "_q1")
SELECT * FROM "_q2" WHERE "Score" >= 9 ORDER BY "Score" DESC NULLS LAST, "SystemAlertId" ASC NULLS FIRST
-- $1 = "High"
