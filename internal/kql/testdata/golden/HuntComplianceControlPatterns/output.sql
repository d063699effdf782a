WITH "_q1" AS (SELECT *, CASE WHEN starts_with(lower("ComplianceControl"), $1) THEN $2 WHEN regexp_matches("ComplianceControl", $3) THEN $4 ELSE $5 END AS "Family" FROM "SecurityRegulatoryCompliance"),
"_q2" AS (SELECT "Family", coalesce(to_json(list(DISTINCT "ComplianceControl" ORDER BY "ComplianceControl") FILTER (WHERE "ComplianceControl" IS NOT NULL)), CAST('[]' AS JSON)) AS "Controls" FROM "_q1" GROUP BY "Family"),
"_q3" AS (SELECT "Family", CASE WHEN json_type("Controls") = 'ARRAY' THEN CAST(json_array_length("Controls") AS BIGINT) END AS "Controls" FROM "_q2")
SELECT * FROM "_q3" ORDER BY "Family" ASC NULLS FIRST
-- $1 = "a."
-- $2 = "ISO annex"
-- $3 = "^\\d+(\\.\\d+)+$"
-- $4 = "numbered"
-- $5 = "other"
