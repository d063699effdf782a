package kafka

import (
	"context"
	"sync"

	"github.com/twmb/franz-go/pkg/sasl"
)

// authError marks a connection failure that happened while authenticating.
type authError struct{ err error }

func (e authError) Error() string { return e.err.Error() }
func (e authError) Unwrap() error { return e.err }

// saslWatch wraps a SASL mechanism to tell, when a connection fails, whether
// it failed during authentication. Brokers may answer bad credentials by
// closing the connection (kfake does; Event Hubs may), which the client sees
// as a bare EOF.
type saslWatch struct {
	sasl.Mechanism

	mu      sync.Mutex
	pending map[string]int // broker address → authentications begun, not finished
}

func newSASLWatch(m sasl.Mechanism) *saslWatch {
	return &saslWatch{Mechanism: m, pending: make(map[string]int)}
}

func (w *saslWatch) Authenticate(ctx context.Context, addr string) (sasl.Session, []byte, error) {
	s, out, err := w.Mechanism.Authenticate(ctx, addr)
	if err != nil {
		return nil, nil, authError{err}
	}
	w.mu.Lock()
	w.pending[addr]++
	w.mu.Unlock()
	return &watchedSession{Session: s, w: w, addr: addr}, out, nil
}

// failed reports whether a connection to addr that just failed was
// authenticating, and forgets that authentication.
func (w *saslWatch) failed(addr string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.pending[addr] == 0 {
		return false
	}
	w.pending[addr]--
	return true
}

func (w *saslWatch) finished(addr string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.pending[addr] > 0 {
		w.pending[addr]--
	}
}

type watchedSession struct {
	sasl.Session
	w    *saslWatch
	addr string
	once sync.Once
}

func (s *watchedSession) Challenge(in []byte) (bool, []byte, error) {
	done, out, err := s.Session.Challenge(in)
	if err != nil {
		return done, out, authError{err}
	}
	if done {
		s.once.Do(func() { s.w.finished(s.addr) })
	}
	return done, out, nil
}
