WITH "_q1" AS (SELECT * FROM "SecureScores" LIMIT 1)
SELECT coalesce(CASE WHEN "CurrentScore" = trunc("CurrentScore") AND abs("CurrentScore") < 1e15 THEN CAST(CAST("CurrentScore" AS BIGINT) AS VARCHAR) ELSE CAST("CurrentScore" AS VARCHAR) END, '') AS "S", CASE WHEN regexp_matches($1, '[.eE]') THEN TRY_CAST(trunc(TRY_CAST($1 AS DOUBLE)) AS BIGINT) ELSE TRY_CAST($1 AS BIGINT) END AS "L", TRY_CAST(trunc(2.9::DOUBLE) AS INTEGER) AS "I", TRY_CAST($2 AS DOUBLE) AS "D", TRY_CAST($3 AS BOOLEAN) AS "B", CASE WHEN regexp_matches($4, '(Z|[+-]\d\d:?\d\d)$') THEN timezone('UTC', TRY_CAST($4 AS TIMESTAMPTZ)) ELSE TRY_CAST($4 AS TIMESTAMP) END AS "T", coalesce(CAST("Weight" AS VARCHAR), '') AS "W", CASE WHEN regexp_matches($5, '[.eE]') THEN TRY_CAST(trunc(TRY_CAST($5 AS DOUBLE)) AS BIGINT) ELSE TRY_CAST($5 AS BIGINT) END AS "Bad" FROM "_q1"
-- $1 = "42"
-- $2 = "1.5"
-- $3 = "true"
-- $4 = "2026-03-01T10:00:00Z"
-- $5 = "x"
