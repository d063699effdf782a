WITH "_q1" AS (SELECT *, date_diff('hour', "TimeGenerated", TIMESTAMP '2026-03-10 12:00:00') AS "AgeHours" FROM "SecurityAlert" WHERE "IsIncident" AND "Status" <> $1)
SELECT "SystemAlertId", "AlertName", "AgeHours" FROM "_q1" ORDER BY "AgeHours" DESC NULLS LAST, "SystemAlertId" ASC NULLS FIRST
-- $1 = "Resolved"
