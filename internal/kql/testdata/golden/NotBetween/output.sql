SELECT "ControlName", "HealthyResources" FROM "SecureScoreControls" WHERE NOT ("HealthyResources" BETWEEN 1 AND 8) ORDER BY "HealthyResources" DESC NULLS LAST, "ControlName" ASC NULLS FIRST
