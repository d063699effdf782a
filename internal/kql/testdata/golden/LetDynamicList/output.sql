SELECT count(*) AS "Count" FROM "SecurityAlert" WHERE "AlertName" NOT IN ($1, $2)
-- $1 = "Antimalware action taken"
-- $2 = "Exposed Kubernetes dashboard detected"
