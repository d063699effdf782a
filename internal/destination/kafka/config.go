package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
)

// Bounds kgo puts on request and batch sizes.
const (
	minRequestBytes = 1 << 12
	maxBytesLimit   = 1 << 30
)

// SASL mechanisms Config accepts.
const (
	SASLPlain       = "PLAIN"
	SASLScramSHA256 = "SCRAM-SHA-256"
	SASLScramSHA512 = "SCRAM-SHA-512"
	SASLOAuthBearer = "OAUTHBEARER"
)

// Config says where and how a Destination produces.
type Config struct {
	// Brokers are the bootstrap servers, host:port each.
	Brokers []string
	Topic   string

	// TLS encrypts connections, verifying brokers against the system roots or,
	// when CACertPEM is set, against that CA alone.
	TLS       bool
	CACertPEM []byte

	// SASLMechanism is "", PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER.
	// Username and Password serve PLAIN and SCRAM; TokenSource serves
	// OAUTHBEARER and is called for every new connection.
	SASLMechanism      string
	Username, Password string
	TokenSource        func(ctx context.Context) (string, error)

	// Compression is none (or empty), gzip, snappy, lz4 or zstd.
	Compression string
	// ClientID names the client to the brokers; empty means "secexport".
	ClientID string
	// MaxMessageBytes is the largest record (key, value and headers) the topic
	// accepts; 0 disables the check. Larger events are not sent and fail
	// permanently. Batches are cut at 1,000,012 bytes (Kafka's default
	// message.max.bytes) or at MaxMessageBytes when that is larger.
	MaxMessageBytes int
	// MaxRequestBytes is the largest produce request the brokers take; 0
	// means Kafka's default socket.request.max.bytes, 100 MiB. Event Hubs
	// closes the connection on a request over 1,046,528 bytes.
	MaxRequestBytes int
}

// Validate reports the first problem in c, naming the field. It never echoes
// the password.
func (c Config) Validate() error {
	if len(c.Brokers) == 0 {
		return errors.New("kafka: no brokers given")
	}
	for _, b := range c.Brokers {
		if strings.TrimSpace(b) == "" || !strings.Contains(b, ":") {
			return fmt.Errorf("kafka: broker %q is not host:port", b)
		}
	}
	if err := validTopic(c.Topic); err != nil {
		return err
	}
	if len(c.CACertPEM) > 0 {
		if !c.TLS {
			return errors.New("kafka: a CA certificate is given but TLS is off")
		}
		if !x509.NewCertPool().AppendCertsFromPEM(c.CACertPEM) {
			return errors.New("kafka: the CA certificate holds no PEM certificate")
		}
	}
	switch strings.ToUpper(c.SASLMechanism) {
	case "":
	case SASLPlain, SASLScramSHA256, SASLScramSHA512:
		if c.Username == "" || c.Password == "" {
			return fmt.Errorf("kafka: SASL %s needs a username and a password", strings.ToUpper(c.SASLMechanism))
		}
	case SASLOAuthBearer:
		if c.TokenSource == nil {
			return errors.New("kafka: SASL OAUTHBEARER needs a token source")
		}
	default:
		return fmt.Errorf("kafka: SASL mechanism %q is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER", c.SASLMechanism)
	}
	if _, err := codec(c.Compression); err != nil {
		return err
	}
	if c.MaxMessageBytes < 0 || c.MaxMessageBytes > maxBytesLimit {
		return fmt.Errorf("kafka: MaxMessageBytes %d is out of range (0 to %d)", c.MaxMessageBytes, maxBytesLimit)
	}
	if c.MaxRequestBytes != 0 && (c.MaxRequestBytes < minRequestBytes || c.MaxRequestBytes > maxBytesLimit) {
		return fmt.Errorf("kafka: MaxRequestBytes %d is out of range (0, or %d to %d)", c.MaxRequestBytes, minRequestBytes, maxBytesLimit)
	}
	return nil
}

// validTopic applies Kafka's rules for topic names.
func validTopic(t string) error {
	switch {
	case t == "":
		return errors.New("kafka: no topic given")
	case t == "." || t == "..":
		return fmt.Errorf("kafka: topic %q is not allowed", t)
	case len(t) > 249:
		return fmt.Errorf("kafka: topic name is %d characters long; the limit is 249", len(t))
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-') {
			return fmt.Errorf("kafka: topic %q has a character other than ASCII letters, digits, '.', '_' and '-'", t)
		}
	}
	return nil
}

// tlsConfig is the client TLS configuration; kgo fills in ServerName per broker.
func (c Config) tlsConfig() *tls.Config {
	if !c.TLS {
		return nil
	}
	tc := &tls.Config{MinVersion: tls.VersionTLS12}
	if len(c.CACertPEM) > 0 {
		pool := x509.NewCertPool()
		pool.AppendCertsFromPEM(c.CACertPEM)
		tc.RootCAs = pool
	}
	return tc
}
