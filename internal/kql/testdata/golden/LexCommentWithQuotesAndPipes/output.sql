SELECT "SystemAlertId", "AlertName" FROM "SecurityAlert" WHERE "Status" = $1 ORDER BY "SystemAlertId" ASC NULLS FIRST
-- $1 = "Dismissed"
