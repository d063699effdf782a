WITH "_q1" AS (SELECT "ProductName", CAST(sum(TRY_CAST("IsIncident" AS INTEGER)) AS BIGINT) AS "Incidents", count(*) AS "Total" FROM "SecurityAlert" GROUP BY "ProductName"),
"_q2" AS (SELECT *, CAST(round(TRY_CAST("Incidents" AS DOUBLE) / "Total", 3) AS DOUBLE) AS "Share" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "ProductName" ASC NULLS FIRST
