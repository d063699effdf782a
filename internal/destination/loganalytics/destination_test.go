package loganalytics

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/secexport/secexport/internal/deliver"
	wsdest "github.com/secexport/secexport/internal/destination/workspace"
	"github.com/secexport/secexport/internal/model"
	ws "github.com/secexport/secexport/internal/workspace"
)

const ruleID = "dcr-00112233445566778899aabbccddeeff"

type token struct{ scopes [][]string }

func (t *token) GetToken(_ context.Context, o policy.TokenRequestOptions) (azcore.AccessToken, error) {
	t.scopes = append(t.scopes, o.Scopes)
	return azcore.AccessToken{Token: "entra-token", ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// received is one request as the loopback Logs Ingestion API saw it.
type received struct {
	stream  string
	records []map[string]any
	size    int
}

// ingestionAPI is a loopback Logs Ingestion API that checks every request
// as Azure documents it: POST /dataCollectionRules/{ruleId}/streams/{stream}
// ?api-version=2023-01-01, a bearer token, a JSON array body (gzip when
// Content-Encoding says so) of at most 1 MB; it answers 204, or what
// answer returns.
func ingestionAPI(t *testing.T, answer func(n int, r received) (int, string)) (*httptest.Server, func() []received) {
	t.Helper()
	var mu sync.Mutex
	var got []received
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		problem := func(format string, args ...any) {
			t.Errorf(format, args...)
			http.Error(w, fmt.Sprintf(format, args...), http.StatusBadRequest)
		}
		if r.Method != http.MethodPost {
			problem("method %s", r.Method)
			return
		}
		stream, ok := strings.CutPrefix(r.URL.EscapedPath(), "/dataCollectionRules/"+ruleID+"/streams/")
		if !ok || strings.Contains(stream, "/") {
			problem("path %s", r.URL.EscapedPath())
			return
		}
		if q := r.URL.Query(); len(q) != 1 || q.Get("api-version") != "2023-01-01" {
			problem("query %s", r.URL.RawQuery)
			return
		}
		if h := r.Header.Get("Authorization"); h != "Bearer entra-token" {
			problem("Authorization %q", h)
			return
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			problem("Content-Type %q", ct)
			return
		}
		raw, _ := io.ReadAll(r.Body)
		if len(raw) > 1_000_000 {
			problem("body of %d bytes is over 1 MB", len(raw))
			return
		}
		body := raw
		if r.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			if err != nil {
				problem("gzip: %v", err)
				return
			}
			body, _ = io.ReadAll(zr)
		} else if ce := r.Header.Get("Content-Encoding"); ce != "" {
			problem("Content-Encoding %q", ce)
			return
		}
		rec := received{stream: stream, size: len(body)}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&rec.records); err != nil || len(rec.records) == 0 {
			problem("body is not a JSON array of records: %v", err)
			return
		}
		mu.Lock()
		got = append(got, rec)
		n := len(got)
		mu.Unlock()
		status, retryAfter := http.StatusNoContent, ""
		if answer != nil {
			status, retryAfter = answer(n, rec)
		}
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		if status != http.StatusNoContent {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"error":{"code":"Refused","message":"status %d"}}`, status)
			return
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []received {
		mu.Lock()
		defer mu.Unlock()
		return append([]received(nil), got...)
	}
}

var at = time.Date(2024, 5, 2, 11, 0, 0, 0, time.UTC)

func alert(i int, description string) model.Event {
	p, _ := json.Marshal(map[string]any{"AlertType": "VM_EICAR", "Severity": "High", "Description": description, "IsIncident": false,
		"SystemAlertId": fmt.Sprintf("alert-%d", i), "StartTimeUtc": "2024-05-02T10:00:00Z",
		"AzureResourceId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"})
	return model.Event{ID: fmt.Sprintf("e%d", i), Source: model.SourceAlerts, RecordKey: fmt.Sprintf("/subscriptions/s1/alerts/%d", i), Time: at, Payload: p}
}

func score(i int) model.Event {
	p := fmt.Sprintf(`{"securityEventDataEnrichment":{"action":"Insert","apiVersion":"2020-01-01","isSnapshot":false},"id":"/subscriptions/s%d/providers/Microsoft.Security/secureScores/ascScore","name":"ascScore","type":"Microsoft.Security/secureScores","properties":{"displayName":"ASC score","score":{"max":39,"current":23.53,"percentage":0.6033},"weight":67}}`, i)
	return model.Event{ID: fmt.Sprintf("s%d", i), Source: model.SourceSecureScores, RecordKey: fmt.Sprintf("/subscriptions/s%d/score", i), Time: at, Payload: []byte(p)}
}

func newDest(t *testing.T, srv *httptest.Server, gz bool, cred *token) *Destination {
	t.Helper()
	d, err := New(Config{Endpoint: srv.URL + "/", RuleID: ruleID, Gzip: gz, Credential: cred, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSendAsAzureDocumentsIt(t *testing.T) {
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprint("gzip=", gz), func(t *testing.T) {
			srv, got := ingestionAPI(t, nil)
			cred := &token{}
			d := newDest(t, srv, gz, cred)
			if err := d.Send(context.Background(), []model.Event{alert(1, "one"), score(1), alert(2, "two")}); err != nil {
				t.Fatal(err)
			}
			reqs := got()
			if len(reqs) != 2 || reqs[0].stream != "Custom-SecurityAlert" || reqs[1].stream != "Custom-SecureScores" {
				t.Fatalf("requests %+v", reqs)
			}
			if len(reqs[0].records) != 2 || len(reqs[1].records) != 1 {
				t.Fatalf("records per request: %d, %d", len(reqs[0].records), len(reqs[1].records))
			}
			a := reqs[0].records[0]
			// The columns of the table but the ones Log Analytics sets.
			table, _ := ws.TableNamed("SecurityAlert")
			want := 0
			for _, c := range table.Columns {
				if sent(c) {
					want++
					if _, ok := a[c.Name]; !ok {
						t.Errorf("record lacks %s", c.Name)
					}
				}
			}
			if len(a) != want {
				t.Errorf("record has %d members, want %d: %v", len(a), want, a)
			}
			for _, k := range []string{"TenantId", "Type", "_ResourceId", "_BilledSize", "SourceSystem"} {
				if _, ok := a[k]; ok {
					t.Errorf("record carries %s", k)
				}
			}
			if a["TimeGenerated"] != "2024-05-02T11:00:00Z" || a["AlertSeverity"] != "High" || a["SystemAlertId"] != "alert-1" ||
				a["IsIncident"] != false || a["StartTime"] != "2024-05-02T10:00:00Z" {
				t.Errorf("record %v", a)
			}
			s := reqs[1].records[0]
			if s["CurrentScore"] != json.Number("23.53") || s["MaxScore"] != json.Number("39") || s["Weight"] != json.Number("67") {
				t.Errorf("score record %v", s)
			}
			if len(cred.scopes) == 0 || len(cred.scopes[0]) != 1 || cred.scopes[0][0] != "https://monitor.azure.com//.default" {
				t.Errorf("token scopes %v", cred.scopes)
			}
		})
	}
}

// TestBatchesUnderOneMegabyte: 100 records of ~20 KB go in requests under
// 1 MB each, in order.
func TestBatchesUnderOneMegabyte(t *testing.T) {
	srv, got := ingestionAPI(t, nil)
	d := newDest(t, srv, false, &token{})
	var events []model.Event
	for i := range 100 {
		events = append(events, alert(i, strings.Repeat("x", 20_000)))
	}
	if err := d.Send(context.Background(), events); err != nil {
		t.Fatal(err)
	}
	reqs := got()
	if len(reqs) < 3 {
		t.Fatalf("%d requests for ~2 MB", len(reqs))
	}
	n := 0
	for _, r := range reqs {
		if r.size > MaxRequestBytes {
			t.Errorf("request of %d bytes", r.size)
		}
		for _, rec := range r.records {
			if rec["SystemAlertId"] != fmt.Sprintf("alert-%d", n) {
				t.Fatalf("record %d is %v", n, rec["SystemAlertId"])
			}
			n++
		}
	}
	if n != 100 {
		t.Errorf("%d records arrived", n)
	}
}

func TestAnswers(t *testing.T) {
	tests := []struct {
		status     int
		retryAfter string
		permanent  bool
		seconds    int
	}{
		{http.StatusBadRequest, "", true, 0},
		{http.StatusRequestEntityTooLarge, "", true, 0},
		{http.StatusNotFound, "", true, 0},
		{http.StatusTooManyRequests, "7", false, 7},
		{http.StatusServiceUnavailable, "", false, 0},
		{http.StatusInternalServerError, "3", false, 3},
		{http.StatusForbidden, "", false, 0},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			srv, _ := ingestionAPI(t, func(int, received) (int, string) { return tt.status, tt.retryAfter })
			err := newDest(t, srv, false, &token{}).Send(context.Background(), []model.Event{alert(1, "x")})
			if err == nil || deliver.IsPermanent(err) != tt.permanent {
				t.Fatalf("err = %v, permanent %v", err, deliver.IsPermanent(err))
			}
			var ra *deliver.RetryAfterError
			if tt.seconds > 0 && (!errors.As(err, &ra) || ra.Seconds != tt.seconds) {
				t.Errorf("retry after: %v", err)
			}
			if !strings.Contains(err.Error(), fmt.Sprint(tt.status)) {
				t.Errorf("error does not name the status: %v", err)
			}
		})
	}
}

// TestFailedRequestHoldsTheRest: after a request to be retried, later ones
// are not posted (a record's events stay in order); a refused request fails
// only its own events.
func TestFailedRequestHoldsTheRest(t *testing.T) {
	srv, got := ingestionAPI(t, func(n int, r received) (int, string) {
		if r.stream == "Custom-SecureScores" {
			return http.StatusBadRequest, ""
		}
		if n == 3 {
			return http.StatusServiceUnavailable, ""
		}
		return http.StatusNoContent, ""
	})
	d := newDest(t, srv, false, &token{})
	row, _ := wsdest.Row(alert(1, "a"), "")
	d.cfg.MaxRequestBytes = len(row.AppendJSON(nil, sent)) + 2 // one alert a request
	events := []model.Event{score(1), alert(1, "a"), alert(2, "b"), alert(3, "c")}
	err := d.Send(context.Background(), events)
	var be *deliver.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v", err)
	}
	if !deliver.IsPermanent(be.Errs[0]) || be.Errs[1] != nil || be.Errs[2] == nil || deliver.IsPermanent(be.Errs[2]) ||
		be.Errs[3] == nil || deliver.IsPermanent(be.Errs[3]) {
		t.Errorf("outcomes %v", be.Errs)
	}
	if n := len(got()); n != 3 {
		t.Errorf("%d requests, want 3 (the fourth waits)", n)
	}
}

func TestOversizedRecordIsNotSent(t *testing.T) {
	srv, got := ingestionAPI(t, nil)
	d := newDest(t, srv, false, &token{})
	var reported []wsdest.Oversized
	d.OnOversized = func(_ context.Context, o wsdest.Oversized) { reported = append(reported, o) }
	err := d.Send(context.Background(), []model.Event{alert(1, strings.Repeat("x", 40_000)), alert(2, "small")})
	var be *deliver.BatchError
	if !errors.As(err, &be) || !errors.Is(be.Errs[0], wsdest.ErrDataLimit) || !deliver.IsPermanent(be.Errs[0]) || be.Errs[1] != nil {
		t.Fatalf("err = %v", err)
	}
	if reqs := got(); len(reqs) != 1 || len(reqs[0].records) != 1 {
		t.Errorf("requests %+v", reqs)
	}
	if len(reported) != 1 || reported[0].Event.ID != "e1" {
		t.Errorf("reported %+v", reported)
	}
}

func TestConfigValidate(t *testing.T) {
	for _, c := range []Config{
		{Endpoint: "", RuleID: ruleID},
		{Endpoint: "ftp://x", RuleID: ruleID},
		{Endpoint: "http://x.ingest.monitor.azure.com", RuleID: ruleID},
		{Endpoint: "https://x.ingest.monitor.azure.com?a=b", RuleID: ruleID},
		{Endpoint: "https://x.ingest.monitor.azure.com", RuleID: ""},
		{Endpoint: "https://x.ingest.monitor.azure.com", RuleID: "dcr/1"},
		{Endpoint: "https://x.ingest.monitor.azure.com", RuleID: ruleID, StreamPrefix: "a/b"},
		{Endpoint: "https://x.ingest.monitor.azure.com", RuleID: ruleID, MaxRequestBytes: 2_000_000},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v is valid", c)
		}
	}
	for _, ep := range []string{"https://x.westeurope-1.ingest.monitor.azure.com", "http://127.0.0.1:8080", "http://localhost:1"} {
		ok := Config{Endpoint: ep, RuleID: ruleID}
		if err := ok.Validate(); err != nil {
			t.Error(err)
		}
	}
}
