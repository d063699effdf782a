package kafka

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/secexport/secexport/internal/deliver"
)

// How a failed record is classified. Only a record the topic cannot take is
// permanent; everything else may be fixed by an operator or by time (a broker
// coming back, credentials renewed, a topic created, a role assigned), so the
// deliverer keeps the events queued and retries.
//
//   - Too large (the pre-check, kgo's own batch check, or the broker's
//     MESSAGE_TOO_LARGE / RECORD_LIST_TOO_LARGE for the event sent on its
//     own, see isolateTooLarge) and INVALID_RECORD: permanent for that event.
//   - Authentication failure (SASL), missing authorization on the topic,
//     unknown topic, unreachable broker, deadline: retryable.
func (d *Destination) classify(err error) error {
	if err == nil {
		return nil
	}
	topic := d.cfg.Topic
	switch {
	case errors.Is(err, kerr.MessageTooLarge), errors.Is(err, kerr.RecordListTooLarge):
		return deliver.Permanent(d.redact(fmt.Errorf("kafka topic %q rejected the event as too large: %w", topic, err)))
	case errors.Is(err, kerr.InvalidRecord):
		return deliver.Permanent(d.redact(fmt.Errorf("kafka topic %q rejected the event as invalid: %w", topic, err)))
	case errors.Is(err, kerr.UnknownTopicOrPartition), errors.Is(err, kerr.UnknownTopicID):
		return d.redact(fmt.Errorf("kafka topic %q does not exist: %w", topic, err))
	case errors.Is(err, kerr.TopicAuthorizationFailed):
		return d.redact(fmt.Errorf("kafka: not authorized to write to topic %q: %w", topic, err))
	case isAuthErr(err), isConnErr(err):
		return d.redact(fmt.Errorf("kafka topic %q: %w", topic, d.classifyConn(err)))
	case isContextErr(err):
		if last := d.conns.last(); last != nil {
			return d.redact(fmt.Errorf("kafka topic %q: %w (not acknowledged before the deadline: %w)", topic, d.classifyConn(last), err))
		}
		return d.redact(fmt.Errorf("kafka topic %q: not acknowledged before the deadline: %w", topic, err))
	}
	return d.redact(fmt.Errorf("kafka topic %q: %w", topic, err))
}

// classifyConn describes a connection failure in an operator's words.
func (d *Destination) classifyConn(err error) error { return d.cfg.describeConn(err) }

func (c Config) describeConn(err error) error {
	if isAuthErr(err) {
		who := ""
		if c.Username != "" {
			who = fmt.Sprintf(" as %q", c.Username)
		}
		return fmt.Errorf("authentication failed (SASL %s%s): %w", strings.ToUpper(c.SASLMechanism), who, err)
	}
	return fmt.Errorf("broker connection failed: %w", err)
}

func isAuthErr(err error) bool {
	var ae authError
	if errors.As(err, &ae) {
		return true
	}
	if errors.Is(err, kerr.SaslAuthenticationFailed) || errors.Is(err, kerr.IllegalSaslState) ||
		errors.Is(err, kerr.UnsupportedSaslMechanism) {
		return true
	}
	// A broker that refuses credentials may just close the connection; kgo
	// reports that as ErrFirstReadEOF naming SASL.
	var eof *kgo.ErrFirstReadEOF
	if errors.As(err, &eof) {
		return strings.Contains(strings.ToLower(eof.Error()), "sasl")
	}
	return strings.Contains(err.Error(), "OAUTHBEARER")
}

// isConnErr reports a failure to reach or talk to a broker at all.
func isConnErr(err error) bool {
	var op *net.OpError
	var eof *kgo.ErrFirstReadEOF
	return errors.As(err, &op) || errors.As(err, &eof)
}

func isContextErr(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// redact returns err with every occurrence of the password replaced. For Event
// Hubs the password is the whole connection string. A redacted error drops its
// chain, so nothing below it can leak the secret.
func (d *Destination) redact(err error) error { return d.cfg.redact(err) }

func (c Config) redact(err error) error {
	secret := c.Password
	if secret == "" || !strings.Contains(err.Error(), secret) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), secret, "[REDACTED]"))
}

// connWatcher remembers the last failed broker connection (dial, TLS or SASL)
// until a connection succeeds, so that a Send that times out can say why.
type connWatcher struct {
	sasl *saslWatch // nil without SASL

	mu  sync.Mutex
	err error
}

var _ kgo.HookBrokerConnect = (*connWatcher)(nil)

func (w *connWatcher) OnBrokerConnect(meta kgo.BrokerMetadata, _ time.Duration, _ net.Conn, err error) {
	if err != nil && w.sasl != nil && w.sasl.failed(net.JoinHostPort(meta.Host, strconv.Itoa(int(meta.Port)))) {
		err = authError{err}
	}
	if isContextErr(err) || errors.Is(err, kgo.ErrClientClosed) {
		return
	}
	w.mu.Lock()
	w.err = err
	w.mu.Unlock()
}

func (w *connWatcher) last() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}
