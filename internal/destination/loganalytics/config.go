// Package loganalytics exports events to an Azure Log Analytics workspace
// through the Azure Monitor Logs Ingestion API: rows (mapped as for the
// embedded workspace) are posted as JSON arrays to
// {endpoint}/dataCollectionRules/{ruleId}/streams/{prefix}{Table}?api-version=2023-01-01
// with an Entra ID bearer token for https://monitor.azure.com, in requests
// under the API's 1 MB limit.
package loganalytics

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// APIVersion is the Logs Ingestion API version used.
const APIVersion = "2023-01-01"

// Scope is the token scope of the Logs Ingestion API.
const Scope = "https://monitor.azure.com//.default"

// DefaultStreamPrefix makes stream names from table names: Custom-SecurityAlert.
const DefaultStreamPrefix = "Custom-"

// MaxRequestBytes bounds a request body: the API takes at most 1 MB a call.
const MaxRequestBytes = 1_000_000

// Config says where and how to export.
type Config struct {
	// Endpoint is the data collection endpoint's (or the rule's) logs
	// ingestion endpoint, https://{name}.{region}.ingest.monitor.azure.com.
	Endpoint string
	// RuleID is the data collection rule's immutable id (dcr-…).
	RuleID string
	// StreamPrefix is put before a table's name to name its stream; empty
	// means DefaultStreamPrefix.
	StreamPrefix string
	// Gzip compresses request bodies (Content-Encoding: gzip).
	Gzip bool
	// Credential gets the bearer token; nil sends none (a plain http
	// loopback endpoint).
	Credential azcore.TokenCredential
	// Client sends the requests; nil means a client with a 30 s timeout.
	Client *http.Client
	// MaxRequestBytes bounds a request's uncompressed body; 0 means
	// MaxRequestBytes.
	MaxRequestBytes int
}

// Validate checks the configuration.
func (c *Config) Validate() error {
	u, err := url.Parse(c.Endpoint)
	if err != nil || !u.IsAbs() || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && loopback(u.Hostname()))) {
		return fmt.Errorf("endpoint %q is not an https URL such as https://my-dce.westeurope-1.ingest.monitor.azure.com (plain http only on loopback)", c.Endpoint)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return errors.New("endpoint must have no query or fragment")
	}
	if c.RuleID == "" || strings.ContainsAny(c.RuleID, "/?#") {
		return fmt.Errorf("ruleId %q is not a data collection rule's immutable id (dcr-…)", c.RuleID)
	}
	if strings.ContainsAny(c.StreamPrefix, "/?#") {
		return fmt.Errorf("streamPrefix %q must not contain '/', '?' or '#'", c.StreamPrefix)
	}
	if c.MaxRequestBytes < 0 || c.MaxRequestBytes > MaxRequestBytes {
		return fmt.Errorf("maxRequestBytes must be between 1 and %d", MaxRequestBytes)
	}
	return nil
}

// loopback reports whether host is the local machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Plain reports whether the endpoint is plain http (a loopback endpoint):
// no Entra ID token is sent to it.
func (c *Config) Plain() bool { return strings.HasPrefix(strings.ToLower(c.Endpoint), "http:") }

func (c *Config) withDefaults() {
	if c.StreamPrefix == "" {
		c.StreamPrefix = DefaultStreamPrefix
	}
	if c.MaxRequestBytes == 0 {
		c.MaxRequestBytes = MaxRequestBytes
	}
	if c.Client == nil {
		c.Client = &http.Client{Timeout: 30 * time.Second}
	}
	c.Endpoint = strings.TrimRight(c.Endpoint, "/")
}
