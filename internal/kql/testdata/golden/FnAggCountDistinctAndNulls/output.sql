WITH "_q1" AS (SELECT "CompromisedEntity", count(DISTINCT "AlertName") AS "count_distinct_AlertName", count(DISTINCT "SystemAlertId") FILTER (WHERE "Status" = $1) AS "count_distinctif_SystemAlertId", coalesce(to_json(list(to_json("ConfidenceScore"))), CAST('[]' AS JSON)) AS "Scores" FROM "SecurityAlert" WHERE "AlertSeverity" = $2 GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "CompromisedEntity" ASC NULLS FIRST)
SELECT "CompromisedEntity", "count_distinct_AlertName", "count_distinctif_SystemAlertId", CAST("Scores" AS VARCHAR) AS "Scores" FROM "_q2"
-- $1 = "Resolved"
-- $2 = "Low"
