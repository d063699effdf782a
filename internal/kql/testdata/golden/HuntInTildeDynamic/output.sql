SELECT "SystemAlertId", "CompromisedEntity" FROM "SecurityAlert" WHERE lower("CompromisedEntity") IN ($1, $2) AND lower("AlertName") = $3
-- $1 = "vm-dc-01"
-- $2 = "aks-node-7"
-- $3 = "access from a tor exit node"
