WITH "_q1" AS (SELECT "AlertSeverity", count(*) AS "count_" FROM "SecurityAlert" WHERE NOT "IsIncident" AND NOT (regexp_matches("AlertName", $1) OR "AlertSeverity" = $2) GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "AlertSeverity" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])suspicious($|[^\\pL\\pN])"
-- $2 = "Low"
