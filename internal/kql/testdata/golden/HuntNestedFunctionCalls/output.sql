WITH "_q1" AS (SELECT *, upper(substr(coalesce(json_extract_string(to_json(string_split("AssessedResourceId", $1)), '$[#-1]'), ''), greatest(0, 0) + 1, greatest(6, 0))) AS "Host", CASE WHEN regexp_matches(substr("VulnerabilityId", greatest(4, 0) + 1, greatest(4, 0)), '[.eE]') THEN TRY_CAST(trunc(TRY_CAST(substr("VulnerabilityId", greatest(4, 0) + 1, greatest(4, 0)) AS DOUBLE)) AS INTEGER) ELSE TRY_CAST(substr("VulnerabilityId", greatest(4, 0) + 1, greatest(4, 0)) AS INTEGER) END AS "Year" FROM "SecurityNestedRecommendation"),
"_q2" AS (SELECT "Host", count(*) AS "Findings", max("Year") AS "Newest" FROM "_q1" GROUP BY "Host")
SELECT * FROM "_q2" ORDER BY "Host" ASC NULLS FIRST
-- $1 = "/"
