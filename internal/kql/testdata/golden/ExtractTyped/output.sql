WITH "_q1" AS (SELECT *, CASE WHEN regexp_matches(NULLIF(regexp_extract("VulnerabilityId", $1, 1), ''), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(NULLIF(regexp_extract("VulnerabilityId", $1, 1), '') AS DOUBLE)) AS BIGINT) ELSE TRY_CAST(NULLIF(regexp_extract("VulnerabilityId", $1, 1), '') AS BIGINT) END AS "Year" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT "Year", count(*) AS "count_" FROM "_q1" GROUP BY "Year")
SELECT * FROM "_q2" ORDER BY "Year" ASC NULLS FIRST
-- $1 = "CVE-(\\d{4})-"
