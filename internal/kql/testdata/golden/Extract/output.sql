WITH "_q1" AS (SELECT *, regexp_extract("ResourceId", $1, 1) AS "Sub", regexp_extract("ResourceId", $2, 1) AS "Group" FROM "SecurityAlert"),
"_q2" AS (SELECT "Sub", "Group", count(*) AS "Alerts" FROM "_q1" GROUP BY "Sub", "Group")
SELECT * FROM "_q2" ORDER BY "Sub" ASC NULLS FIRST, "Group" ASC NULLS FIRST
-- $1 = "/subscriptions/([^/]+)/"
-- $2 = "resourceGroups/([^/]+)"
