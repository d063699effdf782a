WITH "_q1" AS (SELECT *, coalesce(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$."Resource type"'), '') AS "Resource type" FROM "SecurityAlert")
SELECT "SystemAlertId", "Resource type" FROM "_q1" WHERE lower("Resource type") IN ($1, $2) ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "key vault"
-- $2 = "storage"
