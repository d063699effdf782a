WITH "_q1" AS (SELECT "_range"."v" AS "Severity" FROM generate_series(1, 10, 3) AS "_range"("v"))
SELECT *, CASE WHEN "Severity" >= 7 THEN $1 WHEN "Severity" >= 4 THEN $2 ELSE $3 END AS "Label" FROM "_q1" WHERE "Severity" > 1
-- $1 = "High"
-- $2 = "Medium"
-- $3 = "Low"
