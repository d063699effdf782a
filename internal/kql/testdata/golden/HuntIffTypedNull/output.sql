WITH "_q1" AS (SELECT *, CASE WHEN "ConfidenceScore" IS NULL THEN CAST(NULL AS DOUBLE) ELSE "ConfidenceScore" * 100 END AS "Score", CASE WHEN "IsIncident" THEN CAST(1 AS BIGINT) ELSE CAST(NULL AS BIGINT) END AS "Flag" FROM "SecurityAlert")
SELECT count(*) FILTER (WHERE "Score" IS NOT NULL) AS "Scored", CAST(sum("Flag") AS BIGINT) AS "Flagged" FROM "_q1"
