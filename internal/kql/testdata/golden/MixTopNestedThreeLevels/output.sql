WITH "_q1" AS (SELECT *, substr("WorkspaceSubscriptionId", (CASE WHEN 0 < 0 THEN greatest(length("WorkspaceSubscriptionId") + 0, 0) ELSE 0 END) + 1, greatest(8, 0)) AS "Sub" FROM "SecurityAlert"),
"_q2" AS (SELECT "Sub" AS "__k1", count(*) AS "__a" FROM "_q1" GROUP BY "Sub"),
"_q3" AS (SELECT "t"."__k1" AS "__k1", "t"."__a" AS "__a1" FROM (SELECT * FROM "_q2") AS "t"),
"_q4" AS (SELECT "Sub" AS "__k1", "AlertSeverity" AS "__k2", max("ConfidenceScore") AS "__a" FROM "_q1" GROUP BY "Sub", "AlertSeverity"),
"_q5" AS (SELECT "p"."__k1", "p"."__a1", "t"."__k2" AS "__k2", "t"."__a" AS "__a2" FROM "_q3" AS "p" JOIN (SELECT * FROM "_q4" QUALIFY row_number() OVER (PARTITION BY "__k1" ORDER BY "__a" DESC NULLS LAST, "__k2" ASC NULLS FIRST) <= 1) AS "t" ON "p"."__k1" IS NOT DISTINCT FROM "t"."__k1"),
"_q6" AS (SELECT "Sub" AS "__k1", "AlertSeverity" AS "__k2", "CompromisedEntity" AS "__k3", count(*) AS "__a" FROM "_q1" GROUP BY "Sub", "AlertSeverity", "CompromisedEntity"),
"_q7" AS (SELECT "p"."__k1", "p"."__a1", "p"."__k2", "p"."__a2", "t"."__k3" AS "__k3", "t"."__a" AS "__a3" FROM "_q5" AS "p" JOIN (SELECT * FROM "_q6" QUALIFY row_number() OVER (PARTITION BY "__k1", "__k2" ORDER BY "__a" DESC NULLS LAST, "__k3" ASC NULLS FIRST) <= 1) AS "t" ON "p"."__k1" IS NOT DISTINCT FROM "t"."__k1" AND "p"."__k2" IS NOT DISTINCT FROM "t"."__k2"),
"_q8" AS (SELECT "__k1" AS "Sub", "__a1" AS "Alerts", "__k2" AS "AlertSeverity", "__a2" AS "Top", "__k3" AS "CompromisedEntity", "__a3" AS "HostAlerts" FROM "_q7")
SELECT * FROM "_q8" ORDER BY "Sub" ASC NULLS FIRST
