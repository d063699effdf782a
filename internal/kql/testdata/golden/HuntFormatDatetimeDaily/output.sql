WITH "_q1" AS (SELECT coalesce(strftime("TimeGenerated", $1), '') AS "Day", count(*) AS "Alerts" FROM "SecurityAlert" GROUP BY coalesce(strftime("TimeGenerated", $1), ''))
SELECT * FROM "_q1" ORDER BY "Day" ASC NULLS FIRST
-- $1 = "%Y-%m-%d"
