package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/secexport/secexport/internal/api"
	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/demo"
	"github.com/secexport/secexport/internal/engine"
	"github.com/secexport/secexport/internal/model"
	"github.com/secexport/secexport/internal/store"
	"github.com/secexport/secexport/internal/workspace"
)

type serveConfig struct {
	dataDir  string
	listen   string
	demo     bool
	logLevel string
	token    string
	eng      engine.Config
	// ready, when set, receives the bound address once serving.
	ready func(addr string)
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c serveConfig
	fs.StringVar(&c.dataDir, "data", envOr("SECEXPORT_DATA", "./data"), "data directory (env SECEXPORT_DATA)")
	fs.StringVar(&c.listen, "listen", envOr("SECEXPORT_LISTEN", "127.0.0.1:8080"), "address to serve on (env SECEXPORT_LISTEN)")
	fs.BoolVar(&c.demo, "demo", false, "run a demo tenant: generated subscriptions whose recommendations and alerts keep changing")
	fs.StringVar(&c.logLevel, "log-level", envOr("SECEXPORT_LOG_LEVEL", "info"), "debug, info, warn or error (env SECEXPORT_LOG_LEVEL)")
	fs.DurationVar(&c.eng.Delivery.InitialBackoff, "retry-initial", 500*time.Millisecond, "first retry delay of a failed delivery")
	fs.DurationVar(&c.eng.Delivery.MaxBackoff, "retry-max", time.Minute, "longest retry delay of a failed delivery")
	fs.DurationVar(&c.eng.Delivery.MaxAge, "outbox-max-age", 7*24*time.Hour, "how long an undelivered event waits before it moves to dead letters (negative: forever)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	c.token = os.Getenv("SECEXPORT_BOOTSTRAP_TOKEN")
	c.eng.DataDir = c.dataDir
	return runServer(ctx, c, stdout, stderr)
}

func runServer(ctx context.Context, c serveConfig, stdout, stderr io.Writer) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	if c.token == "" {
		tok, path, err := bootstrapToken(c.dataDir)
		if err != nil {
			return err
		}
		c.token = tok
		log.Info("no SECEXPORT_BOOTSTRAP_TOKEN set; using the token stored in the data directory", "path", path)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	eng, err := engine.Open(ctx, c.eng, reg, log)
	if err != nil {
		return err
	}
	defer eng.Close()
	go eng.Workspaces.RunRetention(ctx, time.Hour)
	if c.demo {
		if err := demoWorkspace(ctx, eng); err != nil {
			return err
		}
	}
	srv := &api.Server{Engine: eng, Token: c.token, Gatherer: reg, Log: log}
	if c.demo {
		srv.DemoReceiver = &demo.Receiver{}
	}
	ln, err := net.Listen("tcp", c.listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	addr := ln.Addr().String()
	log.Info("serving", "addr", addr, "data", c.dataDir, "tenant", eng.Store.TenantID())
	if c.ready != nil {
		c.ready(addr)
	}
	if c.demo {
		d := demo.New(eng, log)
		go d.Run(ctx)
		fmt.Fprintf(stdout, "secexport is serving on http://%s with a demo tenant (subscription %s)\n", addr, demo.Subscription)
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return hs.Shutdown(sctx)
}

// bootstrapToken reads the data directory's token file, creating it (mode
// 0600) with a random token on first start.
func bootstrapToken(dir string) (string, string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(dir, "bootstrap-token")
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) > 0 {
		return strings.TrimSpace(string(b)), path, nil
	}
	tok := strings.ReplaceAll(store.NewID()+store.NewID(), "-", "")
	if err := os.WriteFile(path, []byte(tok+"\n"), 0o600); err != nil {
		return "", "", fmt.Errorf("write bootstrap token: %w", err)
	}
	return tok, path, nil
}

// The demo's workspace and the automation that exports the demo tenant to it.
const (
	demoWorkspaceID   = "5ec0e5a0-0000-4000-8000-000000000001"
	demoResourceGroup = "soc"
	demoWorkspaceName = "secexport-default"
	demoAutomation    = "export-to-workspace"
)

// demoWorkspace creates, unless they exist, the default workspace and an
// automation exporting everything of the demo subscription to it, so that
// "secexport query" has data from the first second of make run.
func demoWorkspace(ctx context.Context, eng *engine.Engine) error {
	wsID := strings.ToLower(fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.OperationalInsights/workspaces/%s",
		demo.Subscription, demoResourceGroup, demoWorkspaceName))
	if _, err := eng.Store.Workspace(ctx, wsID); errors.Is(err, store.ErrNotFound) {
		now := time.Now().UTC().Format("2006-01-02T15:04:05.0000000Z")
		res := workspace.Resource{ID: wsID, Name: demoWorkspaceName, Type: workspace.ResourceType, Location: "westeurope",
			Properties: workspace.Properties{CustomerID: demoWorkspaceID, ProvisioningState: "Succeeded", Sku: workspace.Sku{Name: "PerGB2018"},
				RetentionInDays: workspace.DefaultRetentionDays, PublicNetworkAccessForQuery: "Enabled", PublicNetworkAccessForIngestion: "Enabled",
				CreatedDate: now, ModifiedDate: now}}
		body, _ := json.Marshal(res)
		if _, err := eng.Workspaces.Put(ctx, store.Workspace{Key: wsID, Subscription: demo.Subscription, ResourceGroup: demoResourceGroup,
			CustomerID: demoWorkspaceID, RetentionDays: workspace.DefaultRetentionDays, Body: body, Updated: time.Now()}); err != nil {
			return fmt.Errorf("demo workspace: %w", err)
		}
	} else if err != nil {
		return err
	}
	id := fmt.Sprintf("/subscriptions/%s/resourceGroups/%s/providers/Microsoft.Security/automations/%s", demo.Subscription, demoResourceGroup, demoAutomation)
	key := strings.ToLower(id)
	if _, err := eng.Store.Automation(ctx, key); !errors.Is(err, store.ErrNotFound) {
		return err
	}
	var sources []automation.Source
	for _, src := range []model.EventSource{model.SourceAssessments, model.SourceAlerts, model.SourceSubAssessments,
		model.SourceSecureScores, model.SourceSecureScoreControls, model.SourceRegulatoryComplianceAssessment} {
		sources = append(sources, automation.Source{EventSource: src})
	}
	a := automation.Automation{Location: "westeurope", Properties: automation.Properties{
		Description: "The demo tenant's posture, exported to the default workspace",
		Scopes:      []automation.Scope{{ScopePath: "/subscriptions/" + demo.Subscription}},
		Sources:     sources,
		Actions:     []automation.Action{{ActionType: automation.ActionWorkspace, WorkspaceResourceID: wsID}},
	}}
	if err := a.Validate(demo.Subscription, demoResourceGroup); err != nil {
		return fmt.Errorf("demo automation: %w", err)
	}
	a.ID, a.Name, a.Type, a.Etag = id, demoAutomation, automation.ResourceType, store.NewID()
	if _, err := eng.PutAutomation(ctx, key, demo.Subscription, demoResourceGroup, &a); err != nil {
		return fmt.Errorf("demo automation: %w", err)
	}
	return nil
}
