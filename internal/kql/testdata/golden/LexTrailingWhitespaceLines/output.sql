SELECT count(*) AS "Samples" FROM "SecureScores" WHERE "Environment" = $1
-- $1 = "Azure"
