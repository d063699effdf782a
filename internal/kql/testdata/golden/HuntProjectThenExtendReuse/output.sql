WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host", "AlertSeverity" AS "Sev", concat("CompromisedEntity", $1, "AlertSeverity") AS "Key", length("CompromisedEntity") AS "Len" FROM "SecurityAlert"),
"_q2" AS (SELECT "Key", "Len", count(*) AS "Alerts" FROM "_q1" GROUP BY "Key", "Len")
SELECT * FROM "_q2" WHERE "Alerts" > 2 ORDER BY "Key" ASC NULLS FIRST
-- $1 = "/"
