WITH "_q1" AS (SELECT *, concat($1, "AlertSeverity", $2, "AlertName", $3, "CompromisedEntity", $4, coalesce(strftime("TimeGenerated", $5), ''), $6, "Status", $7) AS "Summary" FROM "SecurityAlert" WHERE "IsIncident")
SELECT "Summary" FROM "_q1" ORDER BY "Summary" ASC NULLS FIRST LIMIT 4
-- $1 = "["
-- $2 = "] "
-- $3 = " on "
-- $4 = " at "
-- $5 = "%Y-%m-%d %H:%M"
-- $6 = " ("
-- $7 = ")"
