WITH "_q1" AS (SELECT * FROM "SecurityAlert" WHERE "CompromisedEntity" <> $1 ORDER BY "TimeGenerated" DESC NULLS LAST LIMIT 5),
"_q2" AS (SELECT *, row_number() OVER () AS "_serial" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(lag("AlertName", 2) OVER (ORDER BY "_serial"), '') AS "_prev", lead("TimeGenerated", 1) OVER (ORDER BY "_serial") AS "_next", coalesce(lag("AlertSeverity", 1) OVER (ORDER BY "_serial"), '') AS "_prev_2" FROM "_q2")
SELECT "TimeGenerated", "AlertName", "_prev" AS "TwoBefore", "_next" AS "Following", "_prev_2" AS "Column1" FROM "_q3" ORDER BY "_serial"
-- $1 = "aks-node-7"
