WITH "_q1" AS (SELECT "TimeGenerated", "CurrentScore" FROM "SecureScores" WHERE "SecureScoresSubscriptionId" = $1 ORDER BY "TimeGenerated" ASC NULLS FIRST),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, lag("CurrentScore", 1) OVER (ORDER BY "_serial") AS "_prev", lag("CurrentScore", 1) OVER (ORDER BY "_serial") AS "_prev_2", lag("CurrentScore", 1) OVER (ORDER BY "_serial") AS "_prev_3" FROM "_q2")
SELECT "TimeGenerated", "CurrentScore", "CurrentScore" - "_prev" AS "Delta", CASE WHEN "CurrentScore" < "_prev_2" THEN $2 ELSE CASE WHEN "CurrentScore" > "_prev_3" THEN $3 ELSE $4 END END AS "Trend" FROM "_q3" ORDER BY "_serial"
-- $1 = "22222222-2222-2222-2222-222222222222"
-- $2 = "down"
-- $3 = "up"
-- $4 = "flat"
