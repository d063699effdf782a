WITH "_q1" AS (SELECT DISTINCT "AlertName" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT "AlertName", regexp_replace("AlertName", $2, $3, 'g') AS "Dashed", regexp_replace("AlertName", $4, $5, 'g') AS "Swapped", regexp_replace(regexp_replace("AlertName", $6, ''), $7, '') AS "Trimmed", regexp_replace("AlertName", $8, '') AS "TrimStart", regexp_replace("AlertName", $9, '') AS "TrimEnd" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "High"
-- $2 = "\\s+"
-- $3 = "-"
-- $4 = "^(\\w+) (\\w+)"
-- $5 = "\\2 \\1"
-- $6 = "^(?:[A-Z]|\\s)+"
-- $7 = "(?:[A-Z]|\\s)+$"
-- $8 = "^(?:\\w)+"
-- $9 = "(?:[a-z]+)+$"
