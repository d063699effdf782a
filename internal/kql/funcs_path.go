package kql

// parse_path(path): a bag of Scheme, RootPath, DirectoryPath, DirectoryName,
// Filename, Extension and AlternateDataStreamName, each a string, from a
// Windows or Unix path, a share (\\server\share\...) or a URI (file://...),
// split as Kusto's documented examples split them: the scheme before ://,
// a drive letter as the root, everything before the last / or \ as the
// directory, and in the last part the alternate data stream after a colon
// and the extension after the last dot.
func init() {
	functions["parse_path"] = &function{args: []argKind{argString}, resultOf: onlyType(TString, TDynamic),
		sql: func(e *ectx, a []*sqlExpr) string { return parsePath(a[0].sql) }}
}

// The regular expressions of parse_path; [/\\] is either separator.
const (
	pathRE     = `^(?:([A-Za-z][A-Za-z0-9+.\-]*)://)?(([A-Za-z]:)?.*)$` // scheme, rest, drive
	pathDirRE  = `^(.*)[/\\]([^/\\]*)$`                                 // directory, last part
	pathNameRE = `([^/\\]*)$`
)

// parsePath writes parse_path in three steps, each a one-element list
// transformed, so that every part is computed once.
func parsePath(s string) string {
	split := "regexp_extract(" + s + ", " + quoteString(pathRE) + ", ['scheme', 'rest', 'root'])"
	// With no separator, the last part is what follows the drive (C:file.txt).
	parts := "{'scheme': __p.scheme, 'root': __p.root, " +
		"'dir': regexp_extract(__p.rest, " + quoteString(pathDirRE) + ", 1), " +
		"'last': CASE WHEN regexp_matches(__p.rest, " + quoteString(`[/\\]`) + ") THEN regexp_extract(__p.rest, " + quoteString(pathNameRE) + ", 1) " +
		"ELSE substr(__p.rest, length(__p.root) + 1) END}"
	obj := "json_object('Scheme', __q.scheme, 'RootPath', __q.root, 'DirectoryPath', __q.dir, " +
		"'DirectoryName', regexp_extract(__q.dir, " + quoteString(pathNameRE) + ", 1), " +
		"'Filename', regexp_extract(__q.last, '^([^:]*)', 1), " +
		"'Extension', regexp_extract(regexp_extract(__q.last, '^([^:]*)', 1), " + quoteString(`\.([^.]*)$`) + ", 1), " +
		"'AlternateDataStreamName', regexp_extract(__q.last, '^[^:]*:(.*)$', 1))"
	return "list_transform(list_transform([" + split + "], lambda __p: " + parts + "), lambda __q: " + obj + ")[1]"
}
