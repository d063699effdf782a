WITH "_q1" AS (SELECT "CompromisedEntity" AS "__k1", count(*) AS "__a" FROM "SecurityAlert" GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT "t"."__k1" AS "__k1", "t"."__a" AS "__a1" FROM (SELECT * FROM "_q1" QUALIFY row_number() OVER (ORDER BY "__a" DESC NULLS LAST, "__k1" ASC NULLS FIRST) <= 2) AS "t"),
"_q3" AS (SELECT "CompromisedEntity" AS "__k1", "AlertSeverity" AS "__k2", max("ConfidenceScore") AS "__a" FROM "SecurityAlert" GROUP BY "CompromisedEntity", "AlertSeverity"),
"_q4" AS (SELECT "p"."__k1", "p"."__a1", "t"."__k2" AS "__k2", "t"."__a" AS "__a2" FROM "_q2" AS "p" JOIN (SELECT * FROM "_q3" QUALIFY row_number() OVER (PARTITION BY "__k1" ORDER BY "__a" DESC NULLS LAST, "__k2" ASC NULLS FIRST) <= 1) AS "t" ON "p"."__k1" IS NOT DISTINCT FROM "t"."__k1"),
"_q5" AS (SELECT "__k1" AS "CompromisedEntity", "__a1" AS "Alerts", "__k2" AS "AlertSeverity", "__a2" AS "MaxConfidence" FROM "_q4")
SELECT * FROM "_q5" ORDER BY "MaxConfidence" DESC NULLS LAST
