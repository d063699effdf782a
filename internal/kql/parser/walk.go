package parser

// Walk calls visit for x and every expression inside it, children before
// their parent, so that an inner call is visited before the call whose
// arguments hold it. It does not enter tabular expressions (a subquery in
// in (…) or toscalar(…) is visited as one node).
func Walk(x Expr, visit func(Expr)) {
	switch x := x.(type) {
	case *Paren:
		Walk(x.X, visit)
	case *Unary:
		Walk(x.X, visit)
	case *Binary:
		Walk(x.X, visit)
		Walk(x.Y, visit)
	case *In:
		Walk(x.X, visit)
		for _, l := range x.List {
			Walk(l, visit)
		}
	case *Between:
		Walk(x.X, visit)
		Walk(x.Lo, visit)
		Walk(x.Hi, visit)
	case *Call:
		for _, a := range x.Args {
			Walk(a, visit)
		}
	case *Path:
		Walk(x.X, visit)
	case *Index:
		Walk(x.X, visit)
		Walk(x.I, visit)
	case *Named:
		Walk(x.X, visit)
	}
	visit(x)
}
