WITH "_q1" AS (SELECT *, length("AlertName") AS "strlen_AlertName", lower("AlertSeverity") AS "Column1", "ConfidenceScore" * 100 AS "Column2" FROM "SecurityAlert")
SELECT "AlertName", "strlen_AlertName", "Column1", "Column2" FROM "_q1" LIMIT 3
