WITH "_q1" AS (SELECT "SystemAlertId", coalesce(strftime("TimeGenerated", $1), '') AS "Full", coalesce(strftime("TimeGenerated" + to_microseconds(12340000 // 10), $2), '') AS "Ms", coalesce(strftime("TimeGenerated", $3), '') AS "Short", coalesce(strftime("TimeGenerated", $4), '') AS "Twelve" FROM "SecurityAlert" WHERE "SystemAlertId" IN ($5, $6))
SELECT * FROM "_q1" ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "%Y-%m-%d %H:%M:%S"
-- $2 = "%Y-%m-%d %H:%M:%S.%g"
-- $3 = "%d/%m/%y"
-- $4 = "%I:%M %p"
-- $5 = "25170002-aaaa-bbbb-cccc-000000000002"
-- $6 = "25170004-aaaa-bbbb-cccc-000000000004"
