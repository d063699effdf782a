WITH "_q1" AS (SELECT *, (epoch_us(TIMESTAMP '2026-03-10 12:00:00') - epoch_us("TimeGenerated")) * 10 AS "Age" FROM "SecurityAlert"),
"_q2" AS (SELECT ("Age" - (("Age" % 864000000000) + 864000000000) % 864000000000) AS "Age", count(*) AS "count_" FROM "_q1" GROUP BY ("Age" - (("Age" % 864000000000) + 864000000000) % 864000000000))
SELECT * FROM "_q2" ORDER BY "Age" ASC NULLS FIRST
