WITH "_q1" AS (SELECT *, coalesce(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$."Compromised Host"'), '') AS "Host" FROM "SecurityAlert"),
"_q2" AS (SELECT "Host", count(*) AS "Alerts" FROM "_q1" WHERE lower("Host") = lower("CompromisedEntity") AND "Host" <> "CompromisedEntity" GROUP BY "Host")
SELECT * FROM "_q2" ORDER BY "Host" ASC NULLS FIRST
