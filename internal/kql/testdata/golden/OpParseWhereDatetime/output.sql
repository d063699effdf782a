WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR))) AS _v("Msg")),
"_q2" AS (SELECT "Msg", CASE WHEN regexp_matches(NULLIF(regexp_extract("Msg", $3, 1), ''), '(Z|[+-]\d\d:?\d\d)$') THEN timezone('UTC', TRY_CAST(NULLIF(regexp_extract("Msg", $3, 1), '') AS TIMESTAMPTZ)) ELSE TRY_CAST(NULLIF(regexp_extract("Msg", $3, 1), '') AS TIMESTAMP) END AS "When", regexp_extract("Msg", $3, 2) AS "Who" FROM "_q1" WHERE regexp_matches("Msg", $3) AND (CASE WHEN regexp_matches(NULLIF(regexp_extract("Msg", $3, 1), ''), '(Z|[+-]\d\d:?\d\d)$') THEN timezone('UTC', TRY_CAST(NULLIF(regexp_extract("Msg", $3, 1), '') AS TIMESTAMPTZ)) ELSE TRY_CAST(NULLIF(regexp_extract("Msg", $3, 1), '') AS TIMESTAMP) END) IS NOT NULL)
SELECT "Who", "When" FROM "_q2"
-- $1 = "login at 2026-03-10T10:00:00Z by alice"
-- $2 = "login at never by bob"
-- $3 = "(?s)^login at (.*?) by (.*)$"
