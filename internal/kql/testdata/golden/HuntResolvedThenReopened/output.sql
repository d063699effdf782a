WITH "_q1" AS (SELECT "SystemAlertId", "AlertName", coalesce(to_json(list("Status") FILTER (WHERE "Status" IS NOT NULL)), CAST('[]' AS JSON)) AS "States", count(*) AS "Updates" FROM "SecurityAlert" GROUP BY "SystemAlertId", "AlertName"),
"_q2" AS (SELECT * FROM "_q1" WHERE "Updates" > 1 ORDER BY "SystemAlertId" ASC NULLS FIRST)
SELECT "SystemAlertId", "AlertName", CAST("States" AS VARCHAR) AS "States", "Updates" FROM "_q2"
