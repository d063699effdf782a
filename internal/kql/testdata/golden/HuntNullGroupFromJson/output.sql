WITH "_q1" AS (SELECT *, TRY_CAST(json_extract_string(nullif(coalesce(TRY_CAST(nullif("ExtendedProperties", '') AS JSON), to_json(nullif("ExtendedProperties", ''))), 'null'), '$.Score') AS DOUBLE) AS "Score" FROM "SecurityAlert"),
"_q2" AS (SELECT floor("Score" / 5::DOUBLE) * 5::DOUBLE AS "ScoreBand", count(*) AS "Alerts" FROM "_q1" GROUP BY floor("Score" / 5::DOUBLE) * 5::DOUBLE)
SELECT * FROM "_q2" ORDER BY "ScoreBand" ASC NULLS FIRST
