WITH "_q1" AS (SELECT "ComplianceStandard", "State", count(*) AS "count_" FROM "SecurityRegulatoryCompliance" GROUP BY "ComplianceStandard", "State")
SELECT * FROM "_q1" ORDER BY "ComplianceStandard" ASC NULLS FIRST, "State" ASC NULLS FIRST
