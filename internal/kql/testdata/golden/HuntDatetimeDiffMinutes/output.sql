WITH "_q1" AS (SELECT *, date_diff('minute', "StartTime", "EndTime") AS "Minutes", date_diff('minute', "TimeGenerated", "ProcessingEndTime") AS "ProcessingMin" FROM "SecurityAlert")
SELECT "Minutes", "ProcessingMin" FROM "_q1" GROUP BY "Minutes", "ProcessingMin"
