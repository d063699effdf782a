WITH "_q1" AS (SELECT "AlertName", count(*) AS "Alerts" FROM "SecurityAlert" WHERE regexp_matches("AlertName", $1) GROUP BY "AlertName")
SELECT * FROM "_q1" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])(PowerShell|credential|Tor)($|[^\\pL\\pN])"
