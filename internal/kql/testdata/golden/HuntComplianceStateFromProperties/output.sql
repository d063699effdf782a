WITH "_q1" AS (SELECT *, coalesce(json_extract_string("Properties", '$.state'), '') AS "PropState", coalesce(json_extract_string("Properties", '$.standard.name'), '') AS "PropStandard" FROM "SecurityRegulatoryCompliance"),
"_q2" AS (SELECT "State", count(*) AS "Rows" FROM "_q1" WHERE "PropState" = "State" AND "PropStandard" = "ComplianceStandard" GROUP BY "State")
SELECT * FROM "_q2" ORDER BY "State" ASC NULLS FIRST
