WITH "_q1" AS (SELECT *, lower("Status") AS "status_2", upper("Status") AS "STATUS_3" FROM "SecurityAlert"),
"_q2" AS (SELECT "Status", "status_2", "STATUS_3" FROM "_q1" LIMIT 2)
SELECT "Status", "status_2" AS "status", "STATUS_3" AS "STATUS" FROM "_q2"
