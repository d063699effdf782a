SELECT CAST(sum("Weight") AS BIGINT) AS "sum_Weight", max("CurrentScore") AS "max_CurrentScore", avg("MaxScore") AS "avg_MaxScore" FROM "SecureScores"
