SELECT "ControlName", CAST(CASE WHEN json_type("Properties") = 'OBJECT' THEN to_json(json_keys("Properties")) END AS VARCHAR) AS "Keys", CAST(CASE WHEN json_type("RecommendationResourceIds") = 'OBJECT' THEN to_json(json_keys("RecommendationResourceIds")) END AS VARCHAR) AS "NotBag" FROM "SecureScoreControls" WHERE "ControlName" = $1 AND "IsSnapshot"
-- $1 = "Enable MFA"
