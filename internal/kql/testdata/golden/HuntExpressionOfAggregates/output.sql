WITH "_q1" AS (SELECT "AlertSeverity", count(*) FILTER (WHERE "IsIncident") AS "Incidents", count(*) AS "Total", count(DISTINCT "CompromisedEntity") AS "Hosts" FROM "SecurityAlert" GROUP BY "AlertSeverity"),
"_q2" AS (SELECT *, CAST(round((100::DOUBLE * "Incidents") / "Total", 1) AS DOUBLE) AS "IncidentRate", CAST(round(TRY_CAST("Total" AS DOUBLE) / "Hosts", 2) AS DOUBLE) AS "AlertsPerHost" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "IncidentRate" DESC NULLS LAST, "AlertSeverity" ASC NULLS FIRST
