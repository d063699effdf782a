WITH "_q1" AS (SELECT "SystemAlertId", arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "Status", "f2" := "AlertSeverity"), "TimeGenerated") AS "__arg1", count(*) AS "Updates" FROM "SecurityAlert" GROUP BY "SystemAlertId"),
"_q2" AS (SELECT "SystemAlertId", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "Status", struct_extract("__arg1", 'f2') AS "AlertSeverity", "Updates" FROM "_q1" WHERE "Updates" > 1)
SELECT * FROM "_q2" ORDER BY "SystemAlertId" ASC NULLS FIRST
