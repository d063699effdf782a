WITH "_q1" AS (SELECT *, CASE WHEN "AlertSeverity" = $1 THEN CAST(3 AS BIGINT) WHEN "AlertSeverity" = $2 THEN CAST(2 AS BIGINT) ELSE CAST(1 AS BIGINT) END AS "Sev" FROM "SecurityAlert" WHERE "CompromisedEntity" IN ($3, $4, $5, $6, $7) AND "TimeGenerated" > TIMESTAMP '2026-03-03 12:00:00' AND "AlertSeverity" <> $8),
"_q2" AS (SELECT "CompromisedEntity", CAST(sum("Sev") AS BIGINT) AS "Score", count(*) AS "Alerts" FROM "_q1" GROUP BY "CompromisedEntity")
SELECT * FROM "_q2" ORDER BY "Score" DESC NULLS LAST, "CompromisedEntity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "vm-web-01"
-- $4 = "vm-web-02"
-- $5 = "vm-sql-01"
-- $6 = "vm-dc-01"
-- $7 = "aks-node-7"
-- $8 = "Informational"
