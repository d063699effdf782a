WITH "_q1" AS (SELECT *, concat($1, "AlertSeverity", $1) AS "Quoted", concat("AlertSeverity", $2, "Status") AS "Tabbed", $3 AS "Path" FROM "SecurityAlert")
SELECT "Quoted", "Tabbed", "Path" FROM "_q1" LIMIT 2
-- $1 = "\""
-- $2 = "\t"
-- $3 = "C:\\Windows\\System32"
