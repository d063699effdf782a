package kql

import (
	"slices"
	"strings"
)

// sortColumns sorts the column indexes is by their columns' names, as
// project-reorder's asc, desc, granny-asc and granny-desc say; "" leaves
// them in input order. Names compare ignoring case (ordinally, as upper
// case), granny orders compare runs of digits by their numeric value
// (a2 before a10), and names that compare equal keep their input order.
func sortColumns(cols []*column, is []int, order string) {
	if order == "" {
		return
	}
	cmp := compareNames
	if strings.HasPrefix(order, "granny-") {
		cmp = compareNatural
	}
	desc := strings.HasSuffix(order, "desc")
	slices.SortStableFunc(is, func(a, b int) int {
		c := cmp(cols[a].name, cols[b].name)
		if desc {
			return -c
		}
		return c
	})
}

// compareNames compares two names ignoring case, ordinally.
func compareNames(a, b string) int {
	return strings.Compare(strings.ToUpper(a), strings.ToUpper(b))
}

// compareNatural compares two names ignoring case, with runs of digits
// compared by their numeric value.
func compareNatural(a, b string) int {
	a, b = strings.ToUpper(a), strings.ToUpper(b)
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			x, y := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := len(x) - len(y); c != 0 {
				return c
			}
			if c := strings.Compare(x, y); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

// digitRun returns the length of the run of ASCII digits s begins with.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
