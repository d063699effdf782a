package kafka

import (
	"context"
	"strings"
	"testing"

	"github.com/secexport/secexport/internal/destination/kafka/kafkatest"
)

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	ok := Config{Brokers: []string{"k1:9092", "k2:9092"}, Topic: "security.events_v1"}
	token := func(context.Context) (string, error) { return "t", nil }
	testCA, _ := kafkatest.SelfSignedTLS(t)
	for _, tc := range []struct {
		name   string
		change func(*Config)
		want   string // substring of the error; "" for valid
	}{
		{"minimal", func(*Config) {}, ""},
		{"no brokers", func(c *Config) { c.Brokers = nil }, "no brokers"},
		{"broker without port", func(c *Config) { c.Brokers = []string{"k1"} }, `broker "k1" is not host:port`},
		{"no topic", func(c *Config) { c.Topic = "" }, "no topic"},
		{"bad topic", func(c *Config) { c.Topic = "a/b" }, `topic "a/b" has a character`},
		{"long topic", func(c *Config) { c.Topic = strings.Repeat("t", 250) }, "249"},
		{"dot topic", func(c *Config) { c.Topic = ".." }, "not allowed"},
		{"plain", func(c *Config) { c.SASLMechanism, c.Username, c.Password = "PLAIN", "u", "p" }, ""},
		{"scram lower case", func(c *Config) { c.SASLMechanism, c.Username, c.Password = "scram-sha-512", "u", "p" }, ""},
		{"plain without password", func(c *Config) { c.SASLMechanism, c.Username = "PLAIN", "u" }, "needs a username and a password"},
		{"oauth", func(c *Config) { c.SASLMechanism, c.TokenSource = "OAUTHBEARER", token }, ""},
		{"oauth without token source", func(c *Config) { c.SASLMechanism = "OAUTHBEARER" }, "needs a token source"},
		{"unknown mechanism", func(c *Config) { c.SASLMechanism = "GSSAPI" }, `"GSSAPI" is not one of`},
		{"compression", func(c *Config) { c.Compression = "zstd" }, ""},
		{"unknown compression", func(c *Config) { c.Compression = "brotli" }, `compression "brotli"`},
		{"negative limit", func(c *Config) { c.MaxMessageBytes = -1 }, "out of range"},
		{"TLS with CA", func(c *Config) { c.TLS, c.CACertPEM = true, testCA }, ""},
		{"CA without TLS", func(c *Config) { c.CACertPEM = testCA }, "TLS is off"},
		{"CA not PEM", func(c *Config) { c.TLS, c.CACertPEM = true, []byte("nope") }, "no PEM certificate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.change(&c)
			err := c.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("Validate() = %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("Validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestValidateNeverEchoesThePassword(t *testing.T) {
	t.Parallel()
	c := Config{Brokers: []string{"k:9092"}, Topic: "t", SASLMechanism: "NOPE", Username: "u", Password: "hunter2-secret"}
	if err := c.Validate(); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("Validate() = %v", err)
	}
}

func TestIsSnapshot(t *testing.T) {
	t.Parallel()
	for src, want := range map[string]bool{
		"Assessments": false, "AssessmentsSnapshot": true, "Alerts": false,
		"SecureScoreControlsSnapshot": true, "RegulatoryComplianceAssessmentSnapshot": true,
	} {
		if got := IsSnapshot(modelSource(src)); got != want {
			t.Errorf("IsSnapshot(%s) = %v", src, got)
		}
	}
}
