WITH "_q1" AS (SELECT *, nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null') AS "Props" FROM "SecurityAlert")
SELECT "SystemAlertId", "ExtendedProperties" FROM "_q1" WHERE coalesce(coalesce(json_extract_string("Props", '$."Resource type"'), ''), '') = ''
