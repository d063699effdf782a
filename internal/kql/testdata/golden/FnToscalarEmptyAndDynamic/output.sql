WITH "_q1" AS (SELECT "ConfidenceScore" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 GROUP BY "ConfidenceScore" LIMIT 1),
"_q2" AS (SELECT coalesce(to_json(list(DISTINCT "AlertSeverity" ORDER BY "AlertSeverity") FILTER (WHERE "AlertSeverity" IS NOT NULL)), CAST('[]' AS JSON)) AS "set_AlertSeverity" FROM "SecurityAlert" LIMIT 1),
"_q3" AS (SELECT "AlertName" FROM "SecurityAlert" WHERE "AlertSeverity" = $1 LIMIT 1),
"_q4" AS (SELECT * FROM "SecureScores" LIMIT 1),
"_q5" AS (SELECT *, (SELECT "ConfidenceScore" FROM "_q1" LIMIT 1) AS "None", (SELECT "set_AlertSeverity" FROM "_q2" LIMIT 1) AS "Sevs", coalesce((SELECT "AlertName" FROM "_q3" LIMIT 1), '') AS "FirstName", coalesce(coalesce((SELECT "AlertName" FROM "_q3" LIMIT 1), ''), '') = '' AS "IsEmpty" FROM "_q4")
SELECT "None", CAST("Sevs" AS VARCHAR) AS "Sevs", "FirstName", "IsEmpty" FROM "_q5"
-- $1 = "Nonexistent"
