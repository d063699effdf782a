WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR), CAST(0.9::DOUBLE AS DOUBLE)), (CAST($2 AS VARCHAR), CAST(0.6::DOUBLE AS DOUBLE)), (CAST($3 AS VARCHAR), CAST(0.3::DOUBLE AS DOUBLE))) AS _v("AlertSeverity", "MinScore")),
"_q2" AS (SELECT "l"."AlertSeverity" AS "AlertSeverity", count(*) AS "Below", min("l"."ConfidenceScore") AS "Lowest" FROM "SecurityAlert" AS "l" JOIN "_q1" AS "r" ON "l"."AlertSeverity" = "r"."AlertSeverity" WHERE "l"."ConfidenceScore" < "r"."MinScore" GROUP BY "l"."AlertSeverity")
SELECT * FROM "_q2" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Low"
