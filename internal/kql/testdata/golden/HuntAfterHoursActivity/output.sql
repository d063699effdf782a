WITH "_q1" AS (SELECT *, CAST(((epoch_us("TimeGenerated") - epoch_us(time_bucket(to_microseconds(86400000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00'))) * 10) AS DOUBLE) / 36000000000 AS "Hour" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-03 12:00:00'),
"_q2" AS (SELECT "AlertSeverity", count(*) AS "Alerts", coalesce(to_json(list(DISTINCT "CompromisedEntity" ORDER BY "CompromisedEntity") FILTER (WHERE "CompromisedEntity" IS NOT NULL)), CAST('[]' AS JSON)) AS "Hosts" FROM "_q1" WHERE ("Hour" < 7 OR "Hour" >= 19) GROUP BY "AlertSeverity"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "AlertSeverity" ASC NULLS FIRST)
SELECT "AlertSeverity", "Alerts", CAST("Hosts" AS VARCHAR) AS "Hosts" FROM "_q3"
