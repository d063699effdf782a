WITH "_q1" AS (SELECT "TimeGenerated" AS "ExecTime", "CompromisedEntity", "AlertName" AS "ExecAlert" FROM "SecurityAlert" WHERE regexp_matches("Tactics", $1)),
"_q2" AS (SELECT "TimeGenerated" AS "CredTime", "CompromisedEntity", "AlertName" AS "CredAlert" FROM "SecurityAlert" WHERE regexp_matches("Tactics", $2)),
"_q3" AS (SELECT "l"."CompromisedEntity" AS "CompromisedEntity", "l"."ExecAlert" AS "ExecAlert", "l"."ExecTime" AS "ExecTime", "r"."CredAlert" AS "CredAlert", "r"."CredTime" AS "CredTime" FROM "_q1" AS "l" JOIN "_q2" AS "r" ON "l"."CompromisedEntity" = "r"."CompromisedEntity" WHERE "r"."CredTime" BETWEEN "l"."ExecTime" AND ("l"."ExecTime" + to_microseconds(6048000000000 // 10)))
SELECT * FROM "_q3" ORDER BY "CredTime" ASC NULLS FIRST
-- $1 = "(?i)(^|[^\\pL\\pN])Execution($|[^\\pL\\pN])"
-- $2 = "(?i)(^|[^\\pL\\pN])CredentialAccess($|[^\\pL\\pN])"
