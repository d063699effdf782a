WITH "_q1" AS (SELECT "SystemAlertId", coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "Status", "f2" := "AlertSeverity"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "Status", "f2" := "AlertSeverity"))) AS "__arg1" FROM "SecurityAlert" GROUP BY "SystemAlertId"),
"_q2" AS (SELECT "SystemAlertId", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "Status", struct_extract("__arg1", 'f2') AS "AlertSeverity" FROM "_q1"),
"_q3" AS (SELECT "AlertSeverity", count(*) AS "Open" FROM "_q2" WHERE "Status" <> $1 GROUP BY "AlertSeverity")
SELECT * FROM "_q3" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "Resolved"
