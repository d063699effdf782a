SELECT "SystemAlertId", "AlertName" FROM "SecurityAlert" WHERE regexp_matches("Entities", $1)
-- $1 = "(?i)(^|[^\\pL\\pN])powershell\\.exe($|[^\\pL\\pN])"
