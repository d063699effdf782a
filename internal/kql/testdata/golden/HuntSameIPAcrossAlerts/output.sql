WITH "_q1" AS (SELECT *, coalesce(json_extract_string(nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null'), '$[0].Address'), '') AS "IP" FROM "SecurityAlert"),
"_q2" AS (SELECT "SystemAlertId", "IP", "AlertName" FROM "_q1" WHERE coalesce("IP", '') <> ''),
"_q3" AS (SELECT "IP", "AlertName" AS "Other", "SystemAlertId" AS "OtherId" FROM "_q2"),
"_q4" AS (SELECT "l"."IP" AS "IP", count(*) AS "Pairs", coalesce(to_json(list(DISTINCT "l"."AlertName" ORDER BY "l"."AlertName") FILTER (WHERE "l"."AlertName" IS NOT NULL)), CAST('[]' AS JSON)) AS "Alerts" FROM "_q2" AS "l" JOIN "_q3" AS "r" ON "l"."IP" = "r"."IP" WHERE "l"."SystemAlertId" <> "r"."OtherId" GROUP BY "l"."IP"),
"_q5" AS (SELECT * FROM "_q4" ORDER BY "IP" ASC NULLS FIRST)
SELECT "IP", "Pairs", CAST("Alerts" AS VARCHAR) AS "Alerts" FROM "_q5"
