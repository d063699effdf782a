WITH "_q1" AS (SELECT DISTINCT "CompromisedEntity" FROM "SecurityAlert"),
"_q2" AS (SELECT *, reverse("CompromisedEntity") AS "Reversed", CAST(len(list_filter(range(1, length("CompromisedEntity") - 1 + 2), lambda __i: substr("CompromisedEntity", __i, 1) = $1)) AS BIGINT) AS "Dashes", CAST(len(regexp_extract_all("CompromisedEntity", $2)) AS BIGINT) AS "Digits", translate("CompromisedEntity", $3, CASE WHEN $4 = '' THEN '' ELSE rpad($4, CAST(greatest(length($3), length($4)) AS INTEGER), right($4, 1)) END) AS "Masked", regexp_replace("CompromisedEntity", $5, $6, 'g') AS "Short", sha256("CompromisedEntity") AS "Fingerprint", md5("CompromisedEntity") AS "Md5", CASE WHEN 2 >= 1 THEN array_to_string(list_transform(range(least(2, 1024)), lambda __i: upper("CompromisedEntity")), $7) ELSE '' END AS "Rule", array_to_string(list_transform(string_split(replace(replace(replace(replace(replace(url_encode(concat($8, "CompromisedEntity", $9)), '%21', '!'), '%2A', '*'), '%28', '('), '%29', ')'), '~', '%7E'), '%'), lambda __p, __i: CASE WHEN __i = 1 THEN __p ELSE lower(left(__p, 2)) || substr(__p, 3) END), '%') AS "Query" FROM "_q1")
SELECT * FROM "_q2" ORDER BY "CompromisedEntity" ASC NULLS FIRST
-- $1 = "-"
-- $2 = "[0-9]"
-- $3 = "0123456789"
-- $4 = "#"
-- $5 = "^(vm|aks)-(\\w+)-(\\d+)$"
-- $6 = "\\2\\3"
-- $7 = "|"
-- $8 = "host="
-- $9 = "\u0026tag=a b"
