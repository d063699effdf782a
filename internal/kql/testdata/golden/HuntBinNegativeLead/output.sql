WITH "_q1" AS (SELECT *, (epoch_us("StartTime") - epoch_us("ProcessingEndTime")) * 10 AS "Lead" FROM "SecurityAlert")
SELECT ("Lead" - (("Lead" % 6000000000) + 6000000000) % 6000000000) AS "LeadBin", "Lead" AS "Exact", count(*) AS "Alerts" FROM "_q1" GROUP BY ("Lead" - (("Lead" % 6000000000) + 6000000000) % 6000000000), "Lead"
