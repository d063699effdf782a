WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR), CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR), CAST($4 AS VARCHAR)), (CAST($5 AS VARCHAR), CAST($6 AS VARCHAR))) AS _v("Indicator", "Label")),
"_q2" AS (SELECT "AlertLink", "AlertName", "AlertSeverity", "AlertType", "_BilledSize", "CompromisedEntity", "ConfidenceLevel", "ConfidenceScore", "Description", "DisplayName", "EndTime", "Entities", "ExtendedLinks", "ExtendedProperties", "_IsBillable", "IsIncident", "ProcessingEndTime", "ProductComponentName", "ProductName", "ProviderName", "RemediationSteps", "ResourceId", "SourceComputerId", "StartTime", "Status", "SubTechniques", "SystemAlertId", "Tactics", "Techniques", "TimeGenerated", "Type", "VendorName", "VendorOriginalId", "WorkspaceResourceGroup", "WorkspaceSubscriptionId", "TenantId", "SourceSystem", "_ResourceId", "_SubscriptionId", unnest(coalesce(TRY_CAST(CAST(nullif(coalesce(TRY_CAST("Entities" AS JSON), to_json("Entities")), 'null') AS JSON) AS JSON[]), CASE json_type(nullif(coalesce(TRY_CAST("Entities" AS JSON), to_json("Entities")), 'null')) WHEN 'OBJECT' THEN list_transform(json_keys(nullif(coalesce(TRY_CAST("Entities" AS JSON), to_json("Entities")), 'null')), k -> json_object(k, json_extract(nullif(coalesce(TRY_CAST("Entities" AS JSON), to_json("Entities")), 'null'), '$."' || replace(replace(k, '\', '\\'), '"', '\"') || '"'))) ELSE [nullif(coalesce(TRY_CAST("Entities" AS JSON), to_json("Entities")), 'null')] END)) AS "E" FROM "SecurityAlert"),
"_q3" AS (SELECT *, coalesce(NULLIF(coalesce(json_extract_string("E", '$.Address'), ''), ''), NULLIF(coalesce(json_extract_string("E", '$.Name'), ''), ''), '') AS "Indicator" FROM "_q2"),
"_q4" AS (SELECT "r"."Label" AS "Label", count(DISTINCT "l"."SystemAlertId") AS "Alerts", coalesce(to_json(list(DISTINCT "l"."CompromisedEntity" ORDER BY "l"."CompromisedEntity") FILTER (WHERE "l"."CompromisedEntity" IS NOT NULL)), CAST('[]' AS JSON)) AS "Machines" FROM "_q3" AS "l" JOIN "_q1" AS "r" ON "l"."Indicator" = "r"."Indicator" GROUP BY "r"."Label"),
"_q5" AS (SELECT * FROM "_q4" ORDER BY "Label" ASC NULLS FIRST)
SELECT "Label", "Alerts", CAST("Machines" AS VARCHAR) AS "Machines" FROM "_q5"
-- $1 = "203.0.113.7"
-- $2 = "known scanner"
-- $3 = "svc-deploy"
-- $4 = "deployment account"
-- $5 = "lsass.dmp"
-- $6 = "credential dump"
