package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
)

const (
	defaultPageSize = 100
	maxPageSize     = 1000
)

// page reads $top and $skipToken.
func page(r *http.Request) (after string, size int, err error) {
	q := r.URL.Query()
	size = defaultPageSize
	if t := q.Get("$top"); t != "" {
		n, perr := strconv.Atoi(t)
		if perr != nil || n < 1 {
			return "", 0, badRequest("InvalidParameter", "$top must be a positive integer, not %q", t)
		}
		size = min(n, maxPageSize)
	}
	return q.Get("$skipToken"), size, nil
}

// nextLink is the absolute URL of the page after the item with key last.
func nextLink(r *http.Request, last string) string {
	u := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path}
	if r.TLS != nil {
		u.Scheme = "https"
	}
	if p := r.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
		u.Scheme = p
	}
	q := r.URL.Query()
	q.Set("$skipToken", last)
	u.RawQuery = q.Encode()
	return u.String()
}

// writeList writes an ARM list body {"value": [...], "nextLink": …}.
func writeList(w http.ResponseWriter, r *http.Request, items []json.RawMessage, more bool, lastKey string) {
	body := struct {
		Value    []json.RawMessage `json:"value"`
		NextLink string            `json:"nextLink,omitempty"`
	}{Value: items}
	if body.Value == nil {
		body.Value = []json.RawMessage{}
	}
	if more {
		body.NextLink = nextLink(r, lastKey)
	}
	writeJSON(w, http.StatusOK, body)
}
