WITH "_q1" AS (SELECT "CompromisedEntity", "AlertName", count(*) AS "Attempts", min("StartTime") AS "FirstSeen", max("EndTime") AS "LastSeen" FROM "SecurityAlert" WHERE regexp_matches("AlertName", $1) GROUP BY "CompromisedEntity", "AlertName"),
"_q2" AS (SELECT *, CAST(((epoch_us("LastSeen") - epoch_us("FirstSeen")) * 10) AS DOUBLE) / 36000000000 AS "SpanHours" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST, "AlertName" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])(brute-force|sign-in|login)($|[^\\pL\\pN])"
