WITH "_q1" AS (SELECT *, coalesce(json_extract_string(nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null'), '$[0].Url'), '') AS "Url" FROM "SecurityAlert" WHERE contains(lower("Entities"), $1))
SELECT "SystemAlertId", "Url" FROM "_q1" ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "http://malicious.example/payload.ps1"
