SELECT "AlertName", "ConfidenceScore" FROM "SecurityAlert" WHERE "ConfidenceScore" BETWEEN 0.5::DOUBLE AND 0.7::DOUBLE ORDER BY "ConfidenceScore" ASC NULLS FIRST, "AlertName" ASC NULLS FIRST
