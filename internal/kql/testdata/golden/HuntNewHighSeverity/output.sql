WITH "_q1" AS (SELECT "SystemAlertId", coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "AlertName", "f2" := "CompromisedEntity"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "AlertName", "f2" := "CompromisedEntity"))) AS "__arg1" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 AND "Status" = $2 GROUP BY "SystemAlertId"),
"_q2" AS (SELECT "SystemAlertId", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "AlertName", struct_extract("__arg1", 'f2') AS "CompromisedEntity" FROM "_q1")
SELECT "TimeGenerated", "AlertName", "CompromisedEntity" FROM "_q2" ORDER BY "TimeGenerated" DESC NULLS LAST
-- $1 = "High"
-- $2 = "New"
