WITH "_q1" AS (SELECT "AlertSeverity" AS "Sévérité", count(*) AS "Schweregrad (Ü)" FROM "SecurityAlert" GROUP BY "AlertSeverity")
SELECT * FROM "_q1" ORDER BY "Sévérité" ASC NULLS FIRST
