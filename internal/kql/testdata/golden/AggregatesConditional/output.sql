WITH "_q1" AS (SELECT "ProductName", sum("ConfidenceScore") FILTER (WHERE "IsIncident") AS "sumif_ConfidenceScore", count(DISTINCT "CompromisedEntity") FILTER (WHERE "IsIncident") AS "dcountif_CompromisedEntity", avg("ConfidenceScore") FILTER (WHERE "AlertSeverity" = $1) AS "avgif_ConfidenceScore", min("TimeGenerated") FILTER (WHERE "Status" = $2) AS "minif_TimeGenerated", max("TimeGenerated") FILTER (WHERE "Status" = $3) AS "maxif_TimeGenerated", any_value("VendorName") AS "VendorName", count(*) FILTER (WHERE "IsIncident") AS "Incidents" FROM "SecurityAlert" GROUP BY "ProductName")
SELECT * FROM "_q1" ORDER BY "ProductName" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "New"
-- $3 = "Resolved"
