WITH "_q1" AS (SELECT "ControlId", coalesce(json_extract_string("Properties", '$.displayName'), '') AS "s1_displayName", nullif(json_extract("Properties", '$.score'), 'null') AS "s1_score" FROM "SecureScoreControls" WHERE starts_with(lower("SecureScoresSubscriptionId"), $1)),
"_q2" AS (SELECT "ControlId", "CurrentScore" AS "Cur2" FROM "SecureScoreControls" WHERE starts_with(lower("SecureScoresSubscriptionId"), $2)),
"_q3" AS (SELECT coalesce("l"."ControlId", '') AS "ControlId", coalesce("l"."s1_displayName", '') AS "s1_displayName", "l"."s1_score" AS "s1_score", coalesce("r"."ControlId", '') AS "ControlId1", "r"."Cur2" AS "Cur2" FROM "_q1" AS "l" FULL JOIN "_q2" AS "r" ON "l"."ControlId" = "r"."ControlId"),
"_q4" AS (SELECT "s1_displayName" AS "Control", TRY_CAST(json_extract_string("s1_score", '$.current') AS DOUBLE) AS "Cur1", "Cur2" FROM "_q3")
SELECT * FROM "_q4" ORDER BY "Control" ASC NULLS FIRST
-- $1 = "1111"
-- $2 = "2222"
