package kql

// A Probe runs a query the compiler writes, with its arguments, over the
// same tables as the query being compiled, and returns its rows. The
// compiler probes to learn what only the data can tell: the slots that
// evaluate bag_unpack unpacks when the query declares no output schema.
type Probe func(sql string, args []any) ([][]any, error)

// An Option changes how Compile compiles.
type Option func(*compiler)

// WithProbe lets Compile run probe queries. Without it, a query whose
// columns depend on the data is refused with NotSupported.
func WithProbe(p Probe) Option {
	return func(c *compiler) { c.probe = p }
}
