WITH "_q1" AS (SELECT *, concat($1, "AlertSeverity", $2, $3) AS "Label" FROM "SecurityAlert" WHERE "AlertSeverity" = $4)
SELECT "Label", count(*) AS "Alerts" FROM "_q1" GROUP BY "Label"
-- $1 = "Überwachung: "
-- $2 = "\t"
-- $3 = "⚠"
-- $4 = "Low"
