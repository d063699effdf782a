WITH "_q1" AS (SELECT DISTINCT "AlertName" FROM "SecurityAlert" WHERE "AlertSeverity" = $1),
"_q2" AS (SELECT *, to_base64(encode("AlertName")) AS "Encoded" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(TRY(decode(from_base64("Encoded"))), '') AS "Decoded", coalesce(TRY(decode(from_base64($2))), '') AS "Bad", coalesce(TRY(decode(from_base64(to_base64(encode($3))))), '') AS "Unicode" FROM "_q2")
SELECT * FROM "_q3" ORDER BY "AlertName" ASC NULLS FIRST
-- $1 = "Low"
-- $2 = "not base64!"
-- $3 = "héllo ✓"
