WITH "_q1" AS (SELECT *, CASE WHEN "Status" IN ($1, $2) THEN $3 ELSE $4 END AS "State" FROM "SecurityAlert"),
"_q2" AS (SELECT "State", "AlertSeverity", count(*) AS "Alerts" FROM "_q1" GROUP BY "State", "AlertSeverity")
SELECT * FROM "_q2" ORDER BY "State" ASC NULLS FIRST, "AlertSeverity" ASC NULLS FIRST
-- $1 = "New"
-- $2 = "InProgress"
-- $3 = "open"
-- $4 = "closed"
