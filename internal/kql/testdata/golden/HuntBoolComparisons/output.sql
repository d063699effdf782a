SELECT "IsIncident", count(*) AS "Incidents" FROM "SecurityAlert" WHERE ("IsIncident" = TRUE OR ("IsIncident" <> FALSE AND "AlertSeverity" = $1)) GROUP BY "IsIncident"
-- $1 = "Low"
