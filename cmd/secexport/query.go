package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
)

type queryConfig struct {
	server, token, workspace, timespan, dataDir string
	json                                        bool
	wait                                        time.Duration // the server's time limit for the query
}

// runQuery runs a KQL query against a workspace through the Logs query API
// and prints the result as a table, or as the API's JSON with --json.
func runQuery(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: secexport query [flags] 'KQL'
       secexport query [flags] --file hunting.kql
       secexport query [flags] - < hunting.kql

Runs a KQL query against a workspace of a secexport server (the Logs query
API, POST /v1/workspaces/{id}/query) and prints the result as a table.
A query kept in a file (a hunting query, an analytics rule) runs as it is
with --file, or from standard input with "-".
Without --token: $SECEXPORT_TOKEN, $SECEXPORT_BOOTSTRAP_TOKEN, the data
directory's bootstrap-token, or "demo" (the token of make run).

`)
		fs.PrintDefaults()
	}
	var c queryConfig
	fs.StringVar(&c.server, "server", envOr("SECEXPORT_SERVER", "http://127.0.0.1:8080"), "the secexport server (env SECEXPORT_SERVER)")
	fs.StringVar(&c.token, "token", "", "API token")
	fs.StringVar(&c.workspace, "workspace", envOr("SECEXPORT_WORKSPACE", demoWorkspaceID), "the workspace's customerId (env SECEXPORT_WORKSPACE; default: the demo's workspace)")
	fs.StringVar(&c.timespan, "timespan", "", "ISO 8601 duration or start/end applied to TimeGenerated, e.g. P1D")
	fs.StringVar(&c.dataDir, "data", envOr("SECEXPORT_DATA", "./data"), "data directory to read bootstrap-token from")
	fs.BoolVar(&c.json, "json", false, "print the API's JSON answer")
	file := fs.String("file", "", "read the query from this file")
	fs.DurationVar(&c.wait, "wait", 3*time.Minute, "how long the server may run the query (Prefer: wait; at most 10m)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	kql, err := queryText(*file, fs.Args(), stdin)
	if err != nil {
		fs.Usage()
		return err
	}
	body, err := c.run(ctx, kql)
	if err != nil {
		return err
	}
	if c.json {
		var out bytes.Buffer
		if err := json.Indent(&out, body, "", "  "); err != nil {
			return fmt.Errorf("query: the answer is not JSON: %w", err)
		}
		out.WriteByte('\n')
		_, err := stdout.Write(out.Bytes())
		return err
	}
	return printTable(stdout, body)
}

// queryText returns the query: the one argument, the file's text, or
// standard input when the argument is "-".
func queryText(file string, args []string, stdin io.Reader) (string, error) {
	var b []byte
	var err error
	switch {
	case file != "" && len(args) > 0:
		return "", fmt.Errorf("query: give the query either as an argument or with --file, not both")
	case file != "":
		if b, err = os.ReadFile(file); err != nil {
			return "", fmt.Errorf("query: %w", err)
		}
	case len(args) == 1 && args[0] == "-":
		if stdin == nil {
			return "", fmt.Errorf("query: no standard input to read the query from")
		}
		if b, err = io.ReadAll(stdin); err != nil {
			return "", fmt.Errorf("query: reading standard input: %w", err)
		}
	case len(args) == 1:
		b = []byte(args[0])
	default:
		return "", fmt.Errorf("query: give the KQL query as one argument, with --file, or as - to read standard input")
	}
	if strings.TrimSpace(string(b)) == "" {
		return "", fmt.Errorf("query: the query is empty")
	}
	return string(b), nil
}

func (c *queryConfig) resolveToken() string {
	for _, t := range []string{c.token, os.Getenv("SECEXPORT_TOKEN"), os.Getenv("SECEXPORT_BOOTSTRAP_TOKEN")} {
		if t != "" {
			return t
		}
	}
	if b, err := os.ReadFile(filepath.Join(c.dataDir, "bootstrap-token")); err == nil && len(bytes.TrimSpace(b)) > 0 {
		return string(bytes.TrimSpace(b))
	}
	return "demo"
}

// run posts the query and returns the answer's body, or an error that says
// what the server refused and where.
func (c *queryConfig) run(ctx context.Context, kql string) ([]byte, error) {
	reqBody, _ := json.Marshal(map[string]string{"query": kql, "timespan": c.timespan})
	u := strings.TrimRight(c.server, "/") + "/v1/workspaces/" + url.PathEscape(c.workspace) + "/query"
	if c.wait < time.Second {
		return nil, fmt.Errorf("query: --wait must be at least 1s")
	}
	ctx, cancel := context.WithTimeout(ctx, c.wait+30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(reqBody))
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.resolveToken())
	req.Header.Set("Prefer", fmt.Sprintf("wait=%d", int(c.wait.Seconds())))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("query: read the answer: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("query: %s", describeError(resp.Status, body))
	}
	return body, nil
}

// describeError makes one line of a Log Analytics error body: its code and
// message, and the innermost error with its position.
func describeError(status string, body []byte) string {
	var e struct {
		Error struct {
			Code, Message string
			InnerError    *struct {
				Code, Message string
				InnerError    *struct {
					Code, Message string
					Line, Pos     int
				}
			}
		}
	}
	if json.Unmarshal(body, &e) != nil || e.Error.Code == "" {
		return status + ": " + strings.TrimSpace(string(body))
	}
	msg := status + ": " + e.Error.Code + ": " + e.Error.Message
	if in := e.Error.InnerError; in != nil {
		msg += ": " + in.Message
		if ii := in.InnerError; ii != nil {
			msg += fmt.Sprintf(": %s (line %d, position %d)", ii.Message, ii.Line, ii.Pos)
		}
	}
	return msg
}

// printTable prints the first table of a query answer, columns aligned.
func printTable(w io.Writer, body []byte) error {
	var res struct {
		Tables []struct {
			Columns []struct{ Name, Type string }
			Rows    [][]any
		}
		Error *struct{ Code, Message string }
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&res); err != nil || len(res.Tables) == 0 {
		return fmt.Errorf("query: the answer is not a query result: %v", err)
	}
	t := res.Tables[0]
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Name
	}
	fmt.Fprintln(tw, strings.Join(names, "\t"))
	for i, n := range names {
		names[i] = strings.Repeat("-", len(n))
	}
	fmt.Fprintln(tw, strings.Join(names, "\t"))
	for _, row := range t.Rows {
		cells := make([]string, len(row))
		for i, v := range row {
			cells[i] = cell(v)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "(%d rows)\n", len(t.Rows))
	if res.Error != nil {
		fmt.Fprintf(w, "warning: %s: %s\n", res.Error.Code, res.Error.Message)
	}
	return nil
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return strings.NewReplacer("\t", " ", "\n", " ").Replace(v)
	case json.Number:
		return v.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}
