WITH "_q1" AS (SELECT "ComplianceStandard", coalesce(to_json(list(DISTINCT "ComplianceControl" ORDER BY "ComplianceControl") FILTER (WHERE "ComplianceControl" IS NOT NULL)), CAST('[]' AS JSON)) AS "Controls" FROM "SecurityRegulatoryCompliance" WHERE "State" = $1 GROUP BY "ComplianceStandard"),
"_q2" AS (SELECT *, CASE WHEN json_type("Controls") = 'ARRAY' THEN CAST(json_array_length("Controls") AS BIGINT) END AS "ControlCount" FROM "_q1")
SELECT "ComplianceStandard", "ControlCount" FROM "_q2" ORDER BY "ControlCount" DESC NULLS LAST, "ComplianceStandard" ASC NULLS FIRST
-- $1 = "Failed"
