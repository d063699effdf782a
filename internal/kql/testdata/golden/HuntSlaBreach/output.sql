WITH "_q1" AS (SELECT *, "TimeGenerated" + to_microseconds(144000000000 // 10) AS "Deadline", TIMESTAMP '2026-03-24 12:00:00' AS "ReviewBy" FROM "SecurityAlert" WHERE "Status" = $1),
"_q2" AS (SELECT "AlertSeverity", count(*) AS "Overdue", min("TimeGenerated") AS "Oldest" FROM "_q1" WHERE "Deadline" < TIMESTAMP '2026-03-10 12:00:00' GROUP BY "AlertSeverity")
SELECT * FROM "_q2" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "New"
