WITH "_q1" AS (SELECT *, coalesce(json_extract_string(nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null'), '$[1].Name'), '') AS "Account", coalesce(json_extract_string(nullif(coalesce(TRY_CAST(nullif("Entities", '') AS JSON), to_json(nullif("Entities", ''))), 'null'), '$[0].HostName'), '') AS "Host" FROM "SecurityAlert"),
"_q2" AS (SELECT *, coalesce(NULLIF("Account", ''), NULLIF("Host", ''), NULLIF("CompromisedEntity", ''), '') AS "Subject" FROM "_q1"),
"_q3" AS (SELECT "Subject", count(*) AS "Alerts" FROM "_q2" GROUP BY "Subject")
SELECT * FROM "_q3" ORDER BY "Alerts" DESC NULLS LAST, "Subject" ASC NULLS FIRST
