WITH "_q1" AS (SELECT CAST($1 AS JSON) AS "Keyword" FROM (SELECT 1) AS "_one"),
"_q2" AS (SELECT unnest(coalesce(TRY_CAST(CAST("Keyword" AS JSON) AS JSON[]), CASE json_type("Keyword") WHEN 'OBJECT' THEN list_transform(json_keys("Keyword"), k -> json_object(k, json_extract("Keyword", '$."' || replace(replace(k, '\', '\\'), '"', '\"') || '"'))) ELSE ["Keyword"] END)) AS "Keyword" FROM "_q1"),
"_q3" AS (SELECT DISTINCT "AlertName" FROM "SecurityAlert"),
"_q4" AS (SELECT coalesce(json_extract_string("Keyword", '$'), '') AS "Keyword", CAST(1 AS BIGINT) AS "Key" FROM "_q2"),
"_q5" AS (SELECT *, CAST(1 AS BIGINT) AS "Key" FROM "_q3"),
"_q6" AS (SELECT "l"."Keyword" AS "Keyword", count(DISTINCT "r"."AlertName") AS "Names" FROM "_q4" AS "l" JOIN "_q5" AS "r" ON "l"."Key" = "r"."Key" WHERE regexp_matches("r"."AlertName", $2 || regexp_escape("l"."Keyword") || $3) GROUP BY "l"."Keyword")
SELECT * FROM "_q6" ORDER BY "Keyword" ASC NULLS FIRST
-- $1 = "[\"PowerShell\",\"SQL\",\"Tor\",\"Kubernetes\"]"
-- $2 = "(?i)(^|[^\\pL\\pN])"
-- $3 = "($|[^\\pL\\pN])"
