SELECT CAST(CASE WHEN len(regexp_extract_all($1, $2, 0)) > 0 THEN to_json(regexp_extract_all($1, $2, 0)) END AS VARCHAR) AS "Words", CAST(CASE WHEN len(regexp_extract_all($3, $4, 1)) > 0 THEN to_json(regexp_extract_all($3, $4, 1)) END AS VARCHAR) AS "None", CASE WHEN json_type(CASE WHEN len(regexp_extract_all("AlertName", $5, 1)) > 0 THEN to_json(regexp_extract_all("AlertName", $5, 1)) END) = 'ARRAY' THEN CAST(json_array_length(CASE WHEN len(regexp_extract_all("AlertName", $5, 1)) > 0 THEN to_json(regexp_extract_all("AlertName", $5, 1)) END) AS BIGINT) END AS "Count" FROM "SecurityAlert" WHERE "SystemAlertId" = $6
-- $1 = "a1b22c333"
-- $2 = "\\d+"
-- $3 = "abc"
-- $4 = "(x\\d)"
-- $5 = "(\\w+)"
-- $6 = "25170002-aaaa-bbbb-cccc-000000000002"
