WITH "_q1" AS (SELECT "AlertSeverity" AS "where", "Status" AS "by", count(*) AS "count" FROM "SecurityAlert" GROUP BY "AlertSeverity", "Status")
SELECT * FROM "_q1" WHERE "count" > 2 ORDER BY "where" ASC NULLS FIRST, "by" ASC NULLS FIRST
