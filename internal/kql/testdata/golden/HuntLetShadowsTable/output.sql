WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "Status" <> $1),
"_q2" AS (SELECT "AlertSeverity", count(*) AS "Open" FROM "_q1" GROUP BY "AlertSeverity")
SELECT * FROM "_q2" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "Resolved"
