WITH "_q1" AS (SELECT * FROM "SecurityRegulatoryCompliance" ORDER BY length("ComplianceControl") DESC NULLS LAST, "ComplianceControl" ASC NULLS FIRST)
SELECT "ComplianceControl" FROM "_q1" LIMIT 4
