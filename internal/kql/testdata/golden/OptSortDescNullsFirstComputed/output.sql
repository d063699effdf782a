WITH "_q1" AS (SELECT *, CASE WHEN "ConfidenceScore" > 0.5::DOUBLE THEN "ConfidenceScore" ELSE CAST(NULL AS DOUBLE) END AS "HighScore" FROM "SecurityAlert" WHERE "CompromisedEntity" = $1),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "HighScore" DESC NULLS FIRST, "TimeGenerated" ASC NULLS FIRST)
SELECT "TimeGenerated", "HighScore" FROM "_q2"
-- $1 = "vm-dc-01"
