SELECT "AlertName", CAST(strpos("AlertName", $1) AS BIGINT) - 1 AS "At", replace("AlertName", $2, $3) AS "Short", concat_ws($4, "AlertSeverity", "CompromisedEntity", coalesce(CAST("IsIncident" AS VARCHAR), '')) AS "Key", coalesce("ConfidenceScore", 0::DOUBLE) AS "Conf", CAST(round("ConfidenceScore" * 100, 0) AS DOUBLE) AS "Rounded", coalesce(NULLIF("Tactics", ''), NULLIF($5, ''), '') AS "Tactic" FROM "SecurityAlert" WHERE "AlertSeverity" = $6
-- $1 = "action"
-- $2 = " detected"
-- $3 = ""
-- $4 = "|"
-- $5 = "none"
-- $6 = "Low"
