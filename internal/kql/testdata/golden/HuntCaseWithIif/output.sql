WITH "_q1" AS (SELECT *, CASE WHEN "AlertSeverity" = $1 AND "IsIncident" THEN $2 WHEN "AlertSeverity" = $1 THEN $3 WHEN "AlertSeverity" = $4 THEN CASE WHEN "ConfidenceScore" >= 0.6::DOUBLE THEN $5 ELSE $6 END ELSE $7 END AS "Priority" FROM "SecurityAlert"),
"_q2" AS (SELECT "Priority", count(*) AS "Alerts" FROM "_q1" GROUP BY "Priority")
SELECT * FROM "_q2" ORDER BY "Priority" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "P1"
-- $3 = "P2"
-- $4 = "Medium"
-- $5 = "P3"
-- $6 = "P4"
-- $7 = "P5"
