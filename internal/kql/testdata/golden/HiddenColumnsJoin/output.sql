WITH "_q1" AS (SELECT * FROM "SecureScores" WHERE "_ResourceId" <> $1),
"_q2" AS (SELECT "l"."DisplayName" AS "DisplayName", "l"."_SubscriptionId" AS "_SubscriptionId", "r"."_ResourceId" AS "_ResourceId1", "r"."CurrentScore" AS "CurrentScore1" FROM "SecureScores" AS "l" JOIN "_q1" AS "r" ON "l"."_SubscriptionId" = "r"."_SubscriptionId")
SELECT * FROM "_q2" ORDER BY "DisplayName" ASC NULLS FIRST, "_ResourceId1" ASC NULLS FIRST, "CurrentScore1" ASC NULLS FIRST LIMIT 3
-- $1 = ""
