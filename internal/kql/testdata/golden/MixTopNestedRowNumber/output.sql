WITH "_q1" AS (SELECT * FROM "SecurityRegulatoryCompliance" WHERE "ComplianceStandard" <> $1),
"_q2" AS (SELECT "ComplianceStandard" AS "__k1", CAST(sum("FailedResources") AS BIGINT) AS "__a" FROM "_q1" GROUP BY "ComplianceStandard"),
"_q3" AS (SELECT "t"."__k1" AS "__k1", "t"."__a" AS "__a1" FROM (SELECT * FROM "_q2") AS "t"),
"_q4" AS (SELECT "ComplianceStandard" AS "__k1", "ComplianceControl" AS "__k2", CAST(sum("FailedResources") AS BIGINT) AS "__a" FROM "_q1" GROUP BY "ComplianceStandard", "ComplianceControl"),
"_q5" AS (SELECT "p"."__k1", "p"."__a1", "t"."__k2" AS "__k2", "t"."__a" AS "__a2" FROM "_q3" AS "p" JOIN (SELECT * FROM "_q4" QUALIFY row_number() OVER (PARTITION BY "__k1" ORDER BY "__a" DESC NULLS LAST, "__k2" ASC NULLS FIRST) <= 1) AS "t" ON "p"."__k1" IS NOT DISTINCT FROM "t"."__k1"),
"_q6" AS (SELECT "__k1" AS "ComplianceStandard", "__a1" AS "Failed", "__k2" AS "ComplianceControl", "__a2" AS "ControlFailed" FROM "_q5"),
"_q7" AS (SELECT * FROM "_q6" ORDER BY "Failed" DESC NULLS LAST, "ComplianceStandard" ASC NULLS FIRST),
"_q8" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q7")
SELECT "ComplianceStandard", "Failed", "ComplianceControl", "ControlFailed", CAST("_serial" AS BIGINT) AS "Rank" FROM "_q8" ORDER BY "_serial"
-- $1 = "PCI-DSS-3.2.1"
