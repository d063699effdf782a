WITH "_q1" AS (SELECT "TimeGenerated" AS "T", "CompromisedEntity" AS "Machine", "AlertName" AS "What" FROM "SecurityAlert" UNION ALL SELECT "TimeGenerated" AS "T", coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), '') AS "Machine", "VulnerabilityId" AS "What" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT * FROM "_q1" WHERE "T" > TIMESTAMP '2026-03-09 12:00:00' ORDER BY "Machine" ASC NULLS FIRST, "T" ASC NULLS FIRST, "What" ASC NULLS FIRST),
"_q3" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q2"),
"_q4" AS (SELECT *, coalesce(lag("Machine", 1) OVER (ORDER BY "_serial"), '') AS "_prev" FROM "_q3"),
"_q5" AS (SELECT *, sum(CASE WHEN "Machine" <> "_prev" THEN 1 ELSE 0 END) OVER (ORDER BY "_serial" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "_run" FROM "_q4"),
"_q6" AS (SELECT *, CAST(row_number() OVER (PARTITION BY "_run" ORDER BY "_serial") AS BIGINT) AS "_row_number" FROM "_q5"),
"_q7" AS (SELECT "T", "Machine", "What", "_row_number" AS "Step" FROM "_q6" ORDER BY "_serial")
SELECT * FROM "_q7" WHERE "Machine" = $2
-- $1 = "/"
-- $2 = "vm-web-01"
