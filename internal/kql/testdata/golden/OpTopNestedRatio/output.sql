WITH "_q1" AS (SELECT "AlertSeverity" AS "__k1", sum("ConfidenceScore") / count(*) AS "__a" FROM "SecurityAlert" GROUP BY "AlertSeverity"),
"_q2" AS (SELECT "t"."__k1" AS "__k1", "t"."__a" AS "__a1" FROM (SELECT * FROM "_q1" QUALIFY row_number() OVER (ORDER BY "__a" DESC NULLS LAST, "__k1" ASC NULLS FIRST) <= 2) AS "t"),
"_q3" AS (SELECT "__k1" AS "AlertSeverity", "__a1" AS "MeanConfidence" FROM "_q2")
SELECT * FROM "_q3" ORDER BY "MeanConfidence" DESC NULLS LAST
