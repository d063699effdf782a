WITH "_q1" AS (SELECT *, CAST("FailedResources" AS BIGINT) + CAST("PassedResources" AS BIGINT) AS "Total" FROM "SecurityRegulatoryCompliance"),
"_q2" AS (SELECT *, CASE WHEN "Total" = 0 THEN CAST(NULL AS DOUBLE) ELSE (1::DOUBLE * "FailedResources") / "Total" END AS "FailRatio" FROM "_q1"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "FailRatio" DESC NULLS LAST LIMIT 4),
"_q4" AS (SELECT * FROM "_q3" ORDER BY "FailRatio" DESC NULLS LAST, "ComplianceControl" ASC NULLS FIRST)
SELECT "ComplianceStandard", "ComplianceControl", "FailedResources", "PassedResources", CAST(round("FailRatio", 2) AS DOUBLE) AS "FailRatio" FROM "_q4"
