WITH "_q1" AS (SELECT *, CASE WHEN "ConfidenceScore" >= 0.85::DOUBLE THEN $1 ELSE $2 END AS "Triage" FROM "SecurityAlert" WHERE "CompromisedEntity" = $3),
"_q2" AS (SELECT * FROM "_q1" ORDER BY "ConfidenceScore" ASC NULLS LAST, "TimeGenerated" DESC NULLS FIRST)
SELECT "TimeGenerated", "ConfidenceScore", "Triage" FROM "_q2"
-- $1 = "now"
-- $2 = ""
-- $3 = "vm-web-02"
