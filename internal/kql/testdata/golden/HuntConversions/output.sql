WITH "_q1" AS (SELECT *, coalesce(regexp_replace(strftime("TimeGenerated", '%Y-%m-%dT%H:%M:%S.%f'), '\.?0+$', '') || 'Z', '') AS "Text", TRY_CAST($1 AS BOOLEAN) AS "AsBool", CASE WHEN regexp_matches($2, '(Z|[+-]\d\d:?\d\d)$') THEN timezone('UTC', TRY_CAST($2 AS TIMESTAMPTZ)) ELSE TRY_CAST($2 AS TIMESTAMP) END AS "Parsed", TRY_CAST(trunc("ConfidenceScore" * 100) AS INTEGER) AS "Score", CASE WHEN regexp_matches($3, '[.eE]') THEN TRY_CAST(trunc(TRY_CAST($3 AS DOUBLE)) AS BIGINT) ELSE TRY_CAST($3 AS BIGINT) END AS "Big" FROM "SecurityAlert" WHERE "SystemAlertId" = $4)
SELECT "Text", "AsBool", "Parsed", "Score", "Big" FROM "_q1"
-- $1 = "true"
-- $2 = "2026-03-09T00:00:00Z"
-- $3 = "12345678901"
-- $4 = "25170013-aaaa-bbbb-cccc-000000000013"
