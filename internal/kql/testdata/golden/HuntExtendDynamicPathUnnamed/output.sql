WITH "_q1" AS (SELECT *, nullif(json_extract(nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null'), '$[0].Type'), 'null') AS "Entities_0_Type", nullif(json_extract(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$.Score'), 'null') AS "ExtendedProperties_Score" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT "SystemAlertId", "Entities_0_Type", "ExtendedProperties_Score" FROM "_q1" ORDER BY "SystemAlertId" ASC NULLS FIRST)
SELECT "SystemAlertId", CAST("Entities_0_Type" AS VARCHAR) AS "Entities_0_Type", CAST("ExtendedProperties_Score" AS VARCHAR) AS "ExtendedProperties_Score" FROM "_q2"
-- $1 = "Low"
