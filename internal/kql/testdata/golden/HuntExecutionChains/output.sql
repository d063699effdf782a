WITH "_q1" AS (SELECT "CompromisedEntity" AS "Host", min("TimeGenerated") AS "ExecAt" FROM "SecurityAlert" WHERE regexp_matches("Tactics", $1) GROUP BY "CompromisedEntity"),
"_q2" AS (SELECT "CompromisedEntity" AS "Host", min("TimeGenerated") AS "CredAt" FROM "SecurityAlert" WHERE regexp_matches("Tactics", $2) GROUP BY "CompromisedEntity"),
"_q3" AS (SELECT "l"."Host" AS "Host", "l"."ExecAt" AS "ExecAt", "r"."Host" AS "Host1", "r"."CredAt" AS "CredAt", (epoch_us("r"."CredAt") - epoch_us("l"."ExecAt")) * 10 AS "Gap" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."Host" = "r"."Host")
SELECT "Host", "ExecAt", "CredAt", "Gap" FROM "_q3" WHERE "Gap" BETWEEN (-4320000000000) AND 4320000000000
-- $1 = "(?i)(^|[^\\pL\\pN])Execution($|[^\\pL\\pN])"
-- $2 = "(?i)(^|[^\\pL\\pN])CredentialAccess($|[^\\pL\\pN])"
