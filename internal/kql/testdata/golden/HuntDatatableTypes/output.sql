WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR), CAST(CAST(4 AS BIGINT) AS BIGINT), CAST(TRUE AS BOOLEAN), CAST(TIMESTAMP '2026-01-01 00:00:00' AS TIMESTAMP), CAST(CAST($2 AS JSON) AS JSON)), (CAST($3 AS VARCHAR), CAST(CAST(24 AS BIGINT) AS BIGINT), CAST(FALSE AS BOOLEAN), CAST(TIMESTAMP '2026-02-01 00:00:00' AS TIMESTAMP), CAST(CAST($4 AS JSON) AS JSON)), (CAST($5 AS VARCHAR), CAST(CAST(72 AS BIGINT) AS BIGINT), CAST(FALSE AS BOOLEAN), CAST(TIMESTAMP '2026-02-15 00:00:00' AS TIMESTAMP), CAST(CAST($6 AS JSON) AS JSON))) AS _v("Severity", "SlaHours", "Page", "Since", "Tags")),
"_q2" AS (SELECT "r"."Severity" AS "Severity", CASE WHEN json_type("r"."Tags") = 'ARRAY' THEN CAST(json_array_length("r"."Tags") AS BIGINT) END AS "TagCount", count(*) AS "Breached", count(*) FILTER (WHERE "r"."Page") AS "Paged" FROM "SecurityAlert" AS "l" JOIN "_q1" AS "r" ON "l"."AlertSeverity" = "r"."Severity" WHERE "l"."Status" = $7 AND ("l"."TimeGenerated" + to_microseconds(("r"."SlaHours" * 36000000000) // 10)) < TIMESTAMP '2026-03-10 12:00:00' GROUP BY "r"."Severity", CASE WHEN json_type("r"."Tags") = 'ARRAY' THEN CAST(json_array_length("r"."Tags") AS BIGINT) END)
SELECT * FROM "_q2" ORDER BY "Severity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "[\"soc\",\"oncall\"]"
-- $3 = "Medium"
-- $4 = "[\"soc\"]"
-- $5 = "Low"
-- $6 = "[]"
-- $7 = "New"
