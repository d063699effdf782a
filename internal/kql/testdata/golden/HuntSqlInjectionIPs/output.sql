WITH "_q1" AS (SELECT *, coalesce(json_extract_string(nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null'), '$[0].Address'), '') AS "IP" FROM "SecurityAlert" WHERE (starts_with(lower("AlertType"), $1) OR "ProductComponentName" = $2)),
"_q2" AS (SELECT "IP", count(*) AS "Alerts", coalesce(to_json(list(DISTINCT "AlertName" ORDER BY "AlertName") FILTER (WHERE "AlertName" IS NOT NULL)), CAST('[]' AS JSON)) AS "Names" FROM "_q1" WHERE coalesce("IP", '') <> '' GROUP BY "IP"),
"_q3" AS (SELECT * FROM "_q2" ORDER BY "Alerts" DESC NULLS LAST, "IP" ASC NULLS FIRST)
SELECT "IP", "Alerts", CAST("Names" AS VARCHAR) AS "Names" FROM "_q3"
-- $1 = "sql"
-- $2 = "SQL Server"
