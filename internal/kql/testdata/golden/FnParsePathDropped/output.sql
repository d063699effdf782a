WITH "_q1" AS (SELECT * FROM (VALUES (CAST($1 AS VARCHAR), CAST($2 AS VARCHAR)), (CAST($1 AS VARCHAR), CAST($3 AS VARCHAR)), (CAST($4 AS VARCHAR), CAST($5 AS VARCHAR)), (CAST($4 AS VARCHAR), CAST($6 AS VARCHAR)), (CAST($7 AS VARCHAR), CAST($8 AS VARCHAR)), (CAST($7 AS VARCHAR), CAST($9 AS VARCHAR))) AS _v("Host", "FilePath")),
"_q2" AS (SELECT *, list_transform(list_transform([regexp_extract("FilePath", '^(?:([A-Za-z][A-Za-z0-9+.\-]*)://)?(([A-Za-z]:)?.*)$', ['scheme', 'rest', 'root'])], lambda __p: {'scheme': __p.scheme, 'root': __p.root, 'dir': regexp_extract(__p.rest, '^(.*)[/\\]([^/\\]*)$', 1), 'last': CASE WHEN regexp_matches(__p.rest, '[/\\]') THEN regexp_extract(__p.rest, '([^/\\]*)$', 1) ELSE substr(__p.rest, length(__p.root) + 1) END}), lambda __q: json_object('Scheme', __q.scheme, 'RootPath', __q.root, 'DirectoryPath', __q.dir, 'DirectoryName', regexp_extract(__q.dir, '([^/\\]*)$', 1), 'Filename', regexp_extract(__q.last, '^([^:]*)', 1), 'Extension', regexp_extract(regexp_extract(__q.last, '^([^:]*)', 1), '\.([^.]*)$', 1), 'AlternateDataStreamName', regexp_extract(__q.last, '^[^:]*:(.*)$', 1)))[1] AS "P" FROM "_q1"),
"_q3" AS (SELECT *, coalesce(json_extract_string("P", '$.DirectoryPath'), '') AS "Dir", coalesce(json_extract_string("P", '$.Filename'), '') AS "Name", coalesce(json_extract_string("P", '$.Extension'), '') AS "Ext", coalesce(json_extract_string("P", '$.AlternateDataStreamName'), '') AS "Stream" FROM "_q2"),
"_q4" AS (SELECT "Host", coalesce(json_extract_string("P", '$.RootPath'), '') AS "Root", "Dir", coalesce(json_extract_string("P", '$.DirectoryName'), '') AS "DirName", "Name", "Ext", "Stream" FROM "_q3" WHERE (lower("Ext") IN ($10, $11, $12) OR coalesce("Stream", '') <> ''))
SELECT * FROM "_q4" ORDER BY "Host" ASC NULLS FIRST, "Name" ASC NULLS FIRST
-- $1 = "vm-web-01"
-- $2 = "C:\\Users\\Public\\Downloads\\invoice.pdf.exe"
-- $3 = "C:\\Windows\\Temp\\stage2.ps1"
-- $4 = "vm-sql-01"
-- $5 = "file://D:/backup/dump.sql:hidden.exe"
-- $6 = "\\\\fileshare\\drop\\tools\\mimikatz.exe"
-- $7 = "aks-node-3"
-- $8 = "/tmp/.x/xmrig"
-- $9 = "/var/tmp/miner.sh"
-- $10 = "exe"
-- $11 = "ps1"
-- $12 = "sh"
