SELECT "TimeGenerated", "AlertName", "CompromisedEntity" FROM "SecurityAlert" WHERE regexp_matches("AlertName", $1) AND "Status" NOT IN ($2, $3) ORDER BY "TimeGenerated" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])(PowerShell|brute-force|Tor)($|[^\\pL\\pN])"
-- $2 = "Resolved"
-- $3 = "Dismissed"
