WITH "_q1" AS (SELECT date_trunc('day', "TimeGenerated") AS "Day", CAST((CAST(dayofweek("TimeGenerated") AS BIGINT) * 864000000000) AS DOUBLE) / 864000000000 AS "Weekday", count(*) AS "Alerts", count(DISTINCT "CompromisedEntity") AS "Hosts" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 GROUP BY date_trunc('day', "TimeGenerated"), CAST((CAST(dayofweek("TimeGenerated") AS BIGINT) * 864000000000) AS DOUBLE) / 864000000000)
SELECT * FROM "_q1" ORDER BY "Day" ASC NULLS FIRST
-- $1 = "High"
