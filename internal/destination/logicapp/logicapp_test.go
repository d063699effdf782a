package logicapp

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/secexport/secexport/internal/deliver"
	"github.com/secexport/secexport/internal/model"
)

type got struct {
	body    string
	headers http.Header
}

func receiver(t *testing.T, status func(n int) (int, http.Header)) (*httptest.Server, func() []got) {
	var mu sync.Mutex
	var seen []got
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, got{string(b), r.Header.Clone()})
		n := len(seen)
		mu.Unlock()
		code, h := status(n)
		for k, v := range h {
			w.Header()[k] = v
		}
		w.WriteHeader(code)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []got {
		mu.Lock()
		defer mu.Unlock()
		return append([]got(nil), seen...)
	}
}

func event(id, payload string) model.Event {
	return model.Event{ID: id, Source: model.SourceAlerts, RecordKey: "k-" + id, Time: time.Now(), Payload: []byte(payload)}
}

func TestSendPostsEachEventAsIs(t *testing.T) {
	srv, seen := receiver(t, func(int) (int, http.Header) { return http.StatusAccepted, nil })
	d := New(srv.URL+"/trigger?sig=secret", srv.Client())
	evs := []model.Event{event("e1", `{"a":1}`), event("e2", `{"b":[2]}`)}
	if err := d.Send(context.Background(), evs); err != nil {
		t.Fatal(err)
	}
	g := seen()
	if len(g) != 2 {
		t.Fatalf("received %d requests, want 2", len(g))
	}
	for i, want := range []string{`{"a":1}`, `{"b":[2]}`} {
		if g[i].body != want {
			t.Errorf("body %d = %s, want %s", i, g[i].body, want)
		}
		if id := g[i].headers.Get(HeaderEventID); id != evs[i].ID {
			t.Errorf("event id header %d = %q", i, id)
		}
		if ct := g[i].headers.Get("Content-Type"); ct != "application/json" {
			t.Errorf("content type %q", ct)
		}
		if src := g[i].headers.Get(HeaderEventSource); src != "Alerts" {
			t.Errorf("event source header %q", src)
		}
	}
}

func TestSendClassifiesFailures(t *testing.T) {
	for _, tc := range []struct {
		status    int
		permanent bool
	}{
		{400, true}, {401, true}, {403, true}, {404, true}, {413, true},
		{408, false}, {429, false}, {500, false}, {502, false}, {503, false},
	} {
		srv, _ := receiver(t, func(int) (int, http.Header) { return tc.status, nil })
		err := New(srv.URL+"/x?sig=secret", srv.Client()).Send(context.Background(), []model.Event{event("e", `{}`)})
		if err == nil {
			t.Fatalf("HTTP %d: no error", tc.status)
		}
		if deliver.IsPermanent(err) != tc.permanent {
			t.Errorf("HTTP %d: permanent = %v, want %v", tc.status, !tc.permanent, tc.permanent)
		}
	}
}

func TestRetryAfterIsReported(t *testing.T) {
	srv, _ := receiver(t, func(int) (int, http.Header) {
		return http.StatusTooManyRequests, http.Header{"Retry-After": {"7"}}
	})
	err := New(srv.URL, srv.Client()).Send(context.Background(), []model.Event{event("e", `{}`)})
	var ra *deliver.RetryAfterError
	if !errors.As(err, &ra) || ra.Seconds != 7 {
		t.Fatalf("err = %v, want a RetryAfterError of 7 s", err)
	}
}

func TestBatchStopsAtRetryableFailureButNotPermanent(t *testing.T) {
	srv, seen := receiver(t, func(n int) (int, http.Header) {
		switch n {
		case 1:
			return http.StatusBadRequest, nil // permanent: the next event still goes
		case 2:
			return http.StatusServiceUnavailable, nil // retryable: the rest waits
		}
		return http.StatusOK, nil
	})
	evs := []model.Event{event("e1", `1`), event("e2", `2`), event("e3", `3`)}
	err := New(srv.URL, srv.Client()).Send(context.Background(), evs)
	var be *deliver.BatchError
	if !errors.As(err, &be) || len(be.Errs) != 3 {
		t.Fatalf("err = %v, want a BatchError of 3", err)
	}
	if !deliver.IsPermanent(be.Errs[0]) || be.Errs[1] == nil || deliver.IsPermanent(be.Errs[1]) || be.Errs[2] == nil {
		t.Fatalf("outcomes = %v", be.Errs)
	}
	if n := len(seen()); n != 2 {
		t.Fatalf("%d requests, want 2 (the third waits for the retry)", n)
	}
}

func TestErrorsNeverCarryTheTriggerURL(t *testing.T) {
	d := New("http://127.0.0.1:1/workflows/x/triggers/manual/paths/invoke?sig=TOPSECRET", &http.Client{Timeout: time.Second})
	err := d.Send(context.Background(), []model.Event{event("e", `{}`)})
	if err == nil || strings.Contains(err.Error(), "TOPSECRET") || strings.Contains(err.Error(), "sig=") {
		t.Fatalf("err = %v: must fail without the URL's secret", err)
	}
}

func TestRedirectIsARefusalNotADelivery(t *testing.T) {
	final, seen := receiver(t, func(int) (int, http.Header) { return http.StatusOK, nil })
	redirect := httptest.NewServer(http.RedirectHandler(final.URL+"/elsewhere", http.StatusFound))
	defer redirect.Close()
	err := New(redirect.URL, redirect.Client()).Send(context.Background(), []model.Event{event("e", `{}`)})
	if !deliver.IsPermanent(err) || !strings.Contains(err.Error(), "302") {
		t.Fatalf("err = %v, want a permanent error naming the redirect", err)
	}
	if n := len(seen()); n != 0 {
		t.Fatalf("the redirect target got %d requests", n)
	}
}
