WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR)), (CAST($2 AS VARCHAR))) AS _v("W")),
"_q2" AS (SELECT "AlertName", count(*) AS "Alerts" FROM "SecurityAlert" WHERE coalesce(len(list_filter((SELECT coalesce(list("W"), []) FROM "_q1" WHERE "W" IS NOT NULL), lambda __t: __t IS NOT NULL)) > 0 AND list_bool_and(list_transform(list_filter((SELECT coalesce(list("W"), []) FROM "_q1" WHERE "W" IS NOT NULL), lambda __t: __t IS NOT NULL), lambda __t: regexp_matches("Description", $3 || regexp_escape(__t) || $4))), false) GROUP BY "AlertName")
SELECT * FROM "_q2" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "suspicious"
-- $2 = "vm-web-01"
-- $3 = "(?i)(^|[^\\pL\\pN])"
-- $4 = "($|[^\\pL\\pN])"
