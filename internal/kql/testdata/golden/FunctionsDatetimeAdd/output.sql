WITH "_q1" AS (SELECT "SystemAlertId", "TimeGenerated", ("TimeGenerated" + to_years(CAST(1 AS INTEGER))) AS "NextYear", ("TimeGenerated" + to_months(CAST((-1) AS INTEGER))) AS "LastMonth", ("TimeGenerated" + to_months(CAST(1 * 3 AS INTEGER))) AS "Quarter", ("TimeGenerated" + to_days(CAST(2 AS BIGINT) * 7)) AS "Week", ("TimeGenerated" + to_hours(CAST(36 AS BIGINT))) AS "Hours", ("TimeGenerated" + to_milliseconds(CAST(1500 AS BIGINT))) AS "Ms" FROM "SecurityAlert" WHERE "SystemAlertId" IN ($1, $2))
SELECT * FROM "_q1" ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "25170002-aaaa-bbbb-cccc-000000000002"
-- $2 = "25170004-aaaa-bbbb-cccc-000000000004"
