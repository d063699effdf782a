WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST("ExtendedProperties" AS JSON), to_json("ExtendedProperties")), 'null') AS "Props" FROM "SecurityAlert")
SELECT "SystemAlertId", "ExtendedProperties" FROM "_q1" WHERE coalesce(coalesce(json_extract_string("Props", '$."Resource type"'), ''), '') = ''
