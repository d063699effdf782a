package kql

import (
	"embed"
	"io/fs"
	"path"
)

// suiteFiles holds the golden suite's queries, embedded so that the built
// binary (secexport bench -kql) can time the compiler over them without the
// repository. Whatever folders testdata/golden holds at build time are in.
//
//go:embed testdata/golden/*/input.kql
var suiteFiles embed.FS

// SuiteQuery is one query of the golden suite.
type SuiteQuery struct {
	Name string // the golden folder's name
	KQL  string
}

// Suite returns the golden suite's queries (testdata/golden/*/input.kql as
// they were when the binary was built), in the order of their names.
// Some are queries Kusto rejects, which Compile rejects too.
func Suite() []SuiteQuery {
	paths, err := fs.Glob(suiteFiles, "testdata/golden/*/input.kql")
	if err != nil {
		panic(err) // the pattern is constant and valid
	}
	qs := make([]SuiteQuery, 0, len(paths))
	for _, p := range paths { // fs.Glob returns them sorted
		b, err := suiteFiles.ReadFile(p)
		if err != nil {
			panic(err) // embedded files are always readable
		}
		qs = append(qs, SuiteQuery{Name: path.Base(path.Dir(p)), KQL: string(b)})
	}
	return qs
}
