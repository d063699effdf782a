WITH "_q1" AS (SELECT TRY_CAST(count(*) // 10 AS INTEGER) AS "Column1" FROM "SecurityAlert" LIMIT 1),
"_q2" AS (SELECT * FROM "SecurityAlert" ORDER BY "TimeGenerated" DESC NULLS LAST LIMIT coalesce(greatest(CAST((SELECT "Column1" FROM "_q1" LIMIT 1) AS BIGINT), 0), 9223372036854775807))
SELECT "TimeGenerated", "AlertName", "AlertSeverity" FROM "_q2" ORDER BY "TimeGenerated" DESC NULLS LAST, "AlertName" ASC NULLS FIRST
