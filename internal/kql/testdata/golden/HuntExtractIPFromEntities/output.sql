WITH "_q1" AS (SELECT *, regexp_extract("Entities", $1, 1) AS "IP" FROM "SecurityAlert"),
"_q2" AS (SELECT "IP", count(*) AS "Alerts" FROM "_q1" WHERE coalesce("IP", '') <> '' GROUP BY "IP")
SELECT * FROM "_q2" ORDER BY "Alerts" DESC NULLS LAST, "IP" ASC NULLS FIRST
-- $1 = "(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})"
