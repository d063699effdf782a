WITH "_q1" AS (SELECT *, coalesce(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$."Resource type"'), '') AS "ResourceType" FROM "SecurityAlert")
SELECT "TimeGenerated", "AlertName", "AlertSeverity", "Tactics" FROM "_q1" WHERE "ResourceType" = $1 ORDER BY "TimeGenerated" DESC NULLS LAST
-- $1 = "Kubernetes Service"
