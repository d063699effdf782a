WITH "_q1" AS (SELECT *, CAST("HealthyResources" AS BIGINT) - CAST("UnhealthyResources" AS BIGINT) AS "Delta" FROM "SecureScoreControls"),
"_q2" AS (SELECT ("Delta" - (("Delta" % 4) + 4) % 4) AS "Delta", count(*) AS "count_" FROM "_q1" GROUP BY ("Delta" - (("Delta" % 4) + 4) % 4))
SELECT * FROM "_q2" ORDER BY "Delta" ASC NULLS FIRST
