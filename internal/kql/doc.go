// Package kql compiles Kusto Query Language (KQL) queries over the workspace
// tables into DuckDB SQL, the engine of secexport's embedded Log Analytics
// workspace.
//
// Compile parses a query (package parser), resolves every name against a
// Schema, infers result types as Kusto does, and writes one SQL statement in a
// single pass: each tabular operator folds into the SELECT being built when it
// can and otherwise starts a new common table expression over the previous
// one. String literals are bound parameters ($1, $2 ...); the Query carries
// them along with the result's columns, named and typed as Kusto would.
// Anything the compiler does not support is an *Error naming it and its
// position, never a silently different answer.
//
// # Storage convention
//
// The SQL assumes each KQL table is a DuckDB table of exactly the same name,
// with columns of exactly the same names (both case-sensitive, so always
// quoted), typed as DuckDBType says:
//
//	string   VARCHAR   (empty string, not NULL, for a missing value, as in Kusto)
//	long     BIGINT
//	int      INTEGER
//	real     DOUBLE
//	bool     BOOLEAN
//	datetime TIMESTAMP (UTC, microsecond precision)
//	timespan BIGINT    (ticks of 100 ns, as .NET's TimeSpan)
//	dynamic  JSON
//	guid     VARCHAR   (lower case)
//	decimal  DOUBLE
//
// CreateTableSQL writes the matching CREATE TABLE statement.
//
// # Results
//
// The result set's columns come in the order and with the names of
// Query.Columns. Values arrive as DuckDB gives them, except that dynamic
// columns arrive as JSON text (VARCHAR) and timespan columns as int64 ticks
// (format them with FormatTimespan).
package kql
