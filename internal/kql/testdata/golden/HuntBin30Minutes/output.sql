WITH "_q1" AS (SELECT time_bucket(to_microseconds(1800000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00') AS "TimeGenerated", count(*) AS "Alerts" FROM "SecurityAlert" WHERE "TimeGenerated" > TIMESTAMP '2026-03-10 06:00:00' GROUP BY time_bucket(to_microseconds(1800000000), "TimeGenerated", TIMESTAMP '0001-01-01 00:00:00'))
SELECT * FROM "_q1" ORDER BY "TimeGenerated" ASC NULLS FIRST
