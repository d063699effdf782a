package kql

import (
	"strconv"

	"github.com/secexport/secexport/internal/kql/parser"
)

// mvOptions are mv-expand's options: kind=array (or bagexpansion=array)
// expands a property bag into [key, value] arrays rather than one-entry
// bags, with_itemindex=Name adds the 0-based position of each row's items,
// and limit N takes at most N items of each value (128 by default for the
// legacy form mvexpand).
type mvOptions struct {
	bagArray bool
	index    string
	limit    string // SQL of the constant limit, "" for none
}

func (c *compiler) mvExpandOptions(mv *parser.MvExpand) (*mvOptions, error) {
	opts := &mvOptions{}
	seen := map[string]bool{}
	expansion := "" // the kind= or bagexpansion= given, to refuse a conflict
	for _, p := range mv.Params {
		name := p.Name.Name
		if seen[name] {
			return nil, c.opErrorf(mv.Name(), p.Name, CodeArgument, "The parameter '%s' is already specified", name)
		}
		seen[name] = true
		v, _ := p.Value.(*parser.Ident)
		switch name {
		case "kind", "bagexpansion":
			if v == nil || v.Name != "bag" && v.Name != "array" {
				return nil, c.opErrorf(mv.Name(), p.Value, CodeArgument, "Expected one of: bag, array")
			}
			if expansion != "" && expansion != v.Name {
				return nil, c.opErrorf(mv.Name(), p.Name, CodeNotSupported, "kind= and bagexpansion= that differ are not supported")
			}
			expansion = v.Name
			opts.bagArray = v.Name == "array"
		case "with_itemindex":
			if v == nil {
				return nil, c.opErrorf(mv.Name(), p.Value, CodeArgument, "with_itemindex expects a column name")
			}
			opts.index = v.Name
		}
	}
	if mv.Limit != nil {
		x, err := (&ectx{c: c, op: mv.Name()}).expr(mv.Limit)
		if err != nil {
			return nil, err
		}
		switch {
		case !x.typ.isInteger() || x.konst == nil || x.konst.null:
			return nil, c.opErrorf(mv.Name(), mv.Limit, CodeArgument, "The limit must be a constant integer")
		case x.konst.i < 1:
			return nil, c.opErrorf(mv.Name(), mv.Limit, CodeNotSupported, "mv-expand limit %d is not supported; the limit must be at least 1", x.konst.i)
		}
		opts.limit = strconv.FormatInt(x.konst.i, 10)
	} else if mv.Name() == "mvexpand" {
		opts.limit = "128" // the legacy form's default limit
	}
	return opts, nil
}
