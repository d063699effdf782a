WITH "_q1" AS (SELECT *, CASE WHEN coalesce("Tactics", '') <> '' THEN $1 ELSE $2 END AS "HasTactics", CASE WHEN "ConfidenceScore" IS NULL THEN (-1::DOUBLE) ELSE "ConfidenceScore" END AS "Conf" FROM "SecurityAlert"),
"_q2" AS (SELECT "HasTactics", "Conf" < 0 AS "Conf", count(*) AS "count_" FROM "_q1" GROUP BY "HasTactics", "Conf" < 0)
SELECT * FROM "_q2" ORDER BY "HasTactics" ASC NULLS FIRST, "Conf" ASC NULLS FIRST
-- $1 = "yes"
-- $2 = "no"
