WITH "_q1" AS (SELECT *, concat("AlertSeverity", $1, "CompromisedEntity", $2, coalesce(CAST("IsIncident" AS VARCHAR), '')) AS "Label", CASE WHEN "ConfidenceScore" >= 0.9::DOUBLE THEN $3 WHEN "ConfidenceScore" >= 0.5::DOUBLE THEN $4 ELSE $5 END AS "Bucket" FROM "SecurityAlert")
SELECT "Label", "Bucket" FROM "_q1" LIMIT 5
-- $1 = ":"
-- $2 = "#"
-- $3 = "certain"
-- $4 = "likely"
-- $5 = "unsure"
