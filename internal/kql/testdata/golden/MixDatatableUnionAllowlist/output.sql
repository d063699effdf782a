WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR), CAST($2 AS VARCHAR)), (CAST($3 AS VARCHAR), CAST($4 AS VARCHAR))) AS _v("Host", "Owner")),
"_q2" AS (SELECT DISTINCT "CompromisedEntity" AS "Host" FROM "SecurityAlert"),
"_q3" AS (SELECT "Host", "Owner", $5 AS "Source" FROM "_q1" UNION ALL SELECT "Host", CAST('' AS VARCHAR) AS "Owner", $6 AS "Source" FROM "_q2"),
"_q4" AS (SELECT "Host", coalesce(to_json(list(DISTINCT "Source" ORDER BY "Source") FILTER (WHERE "Source" IS NOT NULL)), CAST('[]' AS JSON)) AS "Sources", max("Owner") AS "Owner" FROM "_q3" GROUP BY "Host"),
"_q5" AS (SELECT *, (CASE WHEN json_type("Sources") = 'ARRAY' THEN CAST(json_array_length("Sources") AS BIGINT) END) = 2 AS "Overlap" FROM "_q4"),
"_q6" AS (SELECT * FROM "_q5" ORDER BY "Host" ASC NULLS FIRST)
SELECT "Host", CAST("Sources" AS VARCHAR) AS "Sources", "Owner", "Overlap" FROM "_q6"
-- $1 = "vm-dc-01"
-- $2 = "identity team"
-- $3 = "vm-build-09"
-- $4 = "devops"
-- $5 = "allowlist"
-- $6 = "alerts"
