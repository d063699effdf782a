package kafka

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl"
	"github.com/twmb/franz-go/pkg/sasl/oauth"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// Client tuning. The deliverer bounds every Send with its context; these keep
// the client quick to notice a broker or topic coming back.
const (
	defaultClientID = "secexport"
	dialTimeout     = 5 * time.Second
	metadataMinAge  = 500 * time.Millisecond
	metadataMaxAge  = 3 * time.Minute // Event Hubs wants under 4 minutes
	maxBackoff      = time.Second

	unknownTopicRetries = 3
)

// codec maps Config.Compression to a kgo codec.
func codec(name string) (kgo.CompressionCodec, error) {
	switch strings.ToLower(name) {
	case "", "none":
		return kgo.NoCompression(), nil
	case "gzip":
		return kgo.GzipCompression(), nil
	case "snappy":
		return kgo.SnappyCompression(), nil
	case "lz4":
		return kgo.Lz4Compression(), nil
	case "zstd":
		return kgo.ZstdCompression(), nil
	}
	return kgo.CompressionCodec{}, fmt.Errorf("kafka: compression %q is not one of none, gzip, snappy, lz4, zstd", name)
}

// mechanism builds the SASL mechanism of c, or nil for none.
func (c Config) mechanism() sasl.Mechanism {
	switch strings.ToUpper(c.SASLMechanism) {
	case SASLPlain:
		return plain.Auth{User: c.Username, Pass: c.Password}.AsMechanism()
	case SASLScramSHA256:
		return scram.Auth{User: c.Username, Pass: c.Password}.AsSha256Mechanism()
	case SASLScramSHA512:
		return scram.Auth{User: c.Username, Pass: c.Password}.AsSha512Mechanism()
	case SASLOAuthBearer:
		src := c.TokenSource
		return oauth.Oauth(func(ctx context.Context) (oauth.Auth, error) {
			tok, err := src(ctx)
			if err != nil {
				return oauth.Auth{}, fmt.Errorf("getting an OAUTHBEARER token: %w", err)
			}
			return oauth.Auth{Token: tok}, nil
		})
	}
	return nil
}

// connOpts are the kgo options that reach c's brokers: addresses, TLS,
// timeouts. SASL is added by the caller, wrapped to tell authentication
// failures apart.
func (c Config) connOpts() []kgo.Opt {
	id := c.ClientID
	if id == "" {
		id = defaultClientID
	}
	opts := []kgo.Opt{
		kgo.SeedBrokers(c.Brokers...),
		kgo.ClientID(id),
		kgo.DialTimeout(dialTimeout),
		kgo.MetadataMinAge(metadataMinAge),
		kgo.MetadataMaxAge(metadataMaxAge),
		kgo.RetryBackoffFn(backoff),
		// No client telemetry (KIP-714) to the brokers: nobody asked for it,
		// and a client that has it waits up to a second on Close for a
		// final push, for every destination, when the brokers are gone.
		kgo.DisableClientMetrics(),
	}
	if tc := c.tlsConfig(); tc != nil {
		opts = append(opts, kgo.DialTLSConfig(tc))
	}
	return opts
}

// clientOpts are the kgo options of a producer for c; c must be valid.
func (c Config) clientOpts() []kgo.Opt {
	comp, _ := codec(c.Compression)
	opts := append(c.connOpts(),
		kgo.DefaultProduceTopic(c.Topic),
		kgo.ProducerBatchCompression(comp),
		// Send waits for its own records, so lingering would only add
		// latency; batches still fill while a request is in flight.
		kgo.ProducerLinger(0),
		// A topic the metadata names as unknown this many times in a row
		// (MetadataMinAge apart) fails its records: a deleted or misspelt
		// topic shows up as such within about a second and a half.
		kgo.UnknownTopicRetries(unknownTopicRetries),
		// Murmur2 on the key, as the Java client does: one record's events
		// share a partition, and other Kafka producers agree on which.
		kgo.RecordPartitioner(kgo.StickyKeyPartitioner(nil)),
		// Idempotent production stays on, but a Send whose context ends fails
		// its records even when a request is in flight: a destination that
		// hangs must not hold the deliverer. A record that the broker did
		// store is then sent again on retry; consumers drop the duplicate by
		// its event-id header (delivery is at least once).
		kgo.AllowIdempotentProduceCancellation(),
		kgo.ProducerBatchMaxBytes(c.batchMaxBytes()),
	)
	if c.MaxRequestBytes > 0 {
		// kgo cuts each produce request, and each batch, to fit.
		opts = append(opts, kgo.BrokerMaxWriteBytes(int32(c.MaxRequestBytes)))
	}
	return opts
}

// defaultBatchBytes is kgo's default batch limit, Kafka's default
// message.max.bytes.
const defaultBatchBytes = 1000012

// batchMaxBytes is where batches are cut: Kafka's default message.max.bytes,
// or MaxMessageBytes when larger, and never beyond MaxRequestBytes.
func (c Config) batchMaxBytes() int32 {
	n := max(defaultBatchBytes, c.MaxMessageBytes)
	if c.MaxRequestBytes > 0 {
		n = min(n, c.MaxRequestBytes)
	}
	return int32(n)
}

// backoff is jittered exponential, 100ms doubling to 1s.
func backoff(tries int) time.Duration {
	d := 100 * time.Millisecond << min(tries, 4)
	d = min(d, maxBackoff)
	return d/2 + rand.N(d/2+1)
}
