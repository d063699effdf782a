WITH "_q1" AS (SELECT *, concat($1, "AlertSeverity", $2, "CompromisedEntity", $3) AS "Label" FROM "SecurityAlert" WHERE "AlertSeverity" = $4),
"_q2" AS (SELECT "Label", count(*) AS "Alerts" FROM "_q1" GROUP BY "Label")
SELECT * FROM "_q2" WHERE contains(lower("Label"), $5) AND starts_with(lower("Label"), $6) ORDER BY "Label" ASC NULLS FIRST
-- $1 = "⚠️ "
-- $2 = " – "
-- $3 = " (警告)"
-- $4 = "High"
-- $5 = "警告"
-- $6 = "⚠️"
