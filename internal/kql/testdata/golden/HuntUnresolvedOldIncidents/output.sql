WITH "_q1" AS (SELECT "SystemAlertId", coalesce(arg_max(struct_pack("f0" := "TimeGenerated", "f1" := "Status", "f2" := "IsIncident", "f3" := "AlertName"), "TimeGenerated"), any_value(struct_pack("f0" := "TimeGenerated", "f1" := "Status", "f2" := "IsIncident", "f3" := "AlertName"))) AS "__arg1" FROM "SecurityAlert" GROUP BY "SystemAlertId"),
"_q2" AS (SELECT "SystemAlertId", struct_extract("__arg1", 'f0') AS "TimeGenerated", struct_extract("__arg1", 'f1') AS "Status", struct_extract("__arg1", 'f2') AS "IsIncident", struct_extract("__arg1", 'f3') AS "AlertName" FROM "_q1"),
"_q3" AS (SELECT "SystemAlertId", "AlertName", "Status", CAST(((epoch_us(TIMESTAMP '2026-03-10 12:00:00') - epoch_us("TimeGenerated")) * 10) AS DOUBLE) / 36000000000 AS "AgeHours" FROM "_q2" WHERE "IsIncident" AND "Status" NOT IN ($1, $2) AND "TimeGenerated" < TIMESTAMP '2026-03-10 06:00:00')
SELECT * FROM "_q3" ORDER BY "AgeHours" DESC NULLS LAST
-- $1 = "Resolved"
-- $2 = "Dismissed"
