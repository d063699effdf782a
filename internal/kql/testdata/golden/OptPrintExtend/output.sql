WITH "_q1" AS (SELECT 0.8::DOUBLE AS "Threshold" FROM (SELECT 1) AS "_one")
SELECT *, "Threshold" * 100 AS "Percent", concat($1, coalesce(CASE WHEN "Threshold" = trunc("Threshold") AND abs("Threshold") < 1e15 THEN CAST(CAST("Threshold" AS BIGINT) AS VARCHAR) ELSE CAST("Threshold" AS VARCHAR) END, '')) AS "Label" FROM "_q1"
-- $1 = "score below "
